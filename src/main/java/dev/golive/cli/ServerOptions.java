package dev.golive.cli;

import dev.golive.daemon.DaemonOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the daemon listens and keeps state, and its write token. */
final class ServerOptions {
  static final String TOKEN_ENV = "GOLIVE_API_TOKEN";
  static final String STORE_PASSWORD_ENV = "GOLIVE_STORE_PASSWORD";
  static final String PUBLIC_URL_ENV = "GOLIVE_PUBLIC_URL";

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data", defaultValue = "data",
      description = "Directory of the embedded store (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--store-url", description = "JDBC URL of a shared PostgreSQL store instead of the embedded one; "
      + "password from $" + STORE_PASSWORD_ENV + ".")
  String storeUrl;

  @Option(names = "--store-user", defaultValue = "golive", description = "Store user (default: ${DEFAULT-VALUE}).")
  String storeUser;

  @Option(names = "--token-file", description = "File holding the API write token (else $" + TOKEN_ENV
      + "; without either, every write is refused).")
  Path tokenFile;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--public-url", description = "How people reach golive, e.g. https://golive.example.com: evidence "
      + "links in alerts become absolute (else $" + PUBLIC_URL_ENV + "; without either they stay relative).")
  String publicUrl;

  DaemonOptions toOptions() {
    return new DaemonOptions(host, port, data, storeUrl, storeUrl == null ? null : storeUser,
        storeUrl == null ? null : System.getenv(STORE_PASSWORD_ENV), token(), publicUrl());
  }

  /** The public URL from the option or the environment, checked and without a trailing slash; null when unset. */
  String publicUrl() {
    String u = publicUrl != null ? publicUrl : System.getenv(PUBLIC_URL_ENV);
    if (u == null || u.isBlank()) return null;
    u = u.trim().replaceAll("/+$", "");
    if (!u.matches("(?i)https?://[^\\s/]+.*")) {
      throw new ParameterException(mixee.commandLine(),
          "--public-url must be an absolute http:// or https:// URL, got '" + u + "'");
    }
    return u;
  }

  /** The token from the file or the environment; blank means none. */
  String token() {
    String t;
    if (tokenFile != null) {
      try {
        t = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read --token-file " + tokenFile + ": "
            + e.getClass().getSimpleName());
      }
    } else {
      t = System.getenv(TOKEN_ENV);
    }
    return t == null || t.isBlank() ? null : t.trim();
  }
}
