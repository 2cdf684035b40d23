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

/** Where the daemon listens and keeps state, and its write and read tokens. */
final class ServerOptions {
  static final String TOKEN_ENV = "GOLIVE_API_TOKEN";
  static final String READ_TOKEN_ENV = "GOLIVE_READ_TOKEN";
  static final String STORE_PASSWORD_ENV = "GOLIVE_STORE_PASSWORD";
  static final String PUBLIC_URL_ENV = "GOLIVE_PUBLIC_URL";

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}, "
      + "every interface; 127.0.0.1 for this machine only).")
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

  @Option(names = "--read-token-file", description = "File holding a token that reads (the API, the checklist, "
      + "/metrics) must carry as a bearer token (else $" + READ_TOKEN_ENV + "; without either, reads are open). The "
      + "write token is accepted for reads too.")
  Path readTokenFile;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--public-url", description = "How people reach golive, e.g. https://golive.example.com: evidence "
      + "links in alerts become absolute (else $" + PUBLIC_URL_ENV + "; without either they stay relative).")
  String publicUrl;

  DaemonOptions toOptions() {
    return new DaemonOptions(host, port, data, storeUrl, storeUrl == null ? null : storeUser,
        storeUrl == null ? null : System.getenv(STORE_PASSWORD_ENV), token(), publicUrl(), readToken());
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

  /** The write token from the file or the environment; blank means none. */
  String token() {
    return tokenFrom(tokenFile, "--token-file", TOKEN_ENV);
  }

  /** The read token from the file or the environment; blank means none. */
  String readToken() {
    return tokenFrom(readTokenFile, "--read-token-file", READ_TOKEN_ENV);
  }

  private static String tokenFrom(Path file, String option, String env) {
    String t;
    if (file != null) {
      try {
        t = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + option + " " + file + ": " + e.getClass().getSimpleName());
      }
    } else {
      t = System.getenv(env);
    }
    return t == null || t.isBlank() ? null : t.trim();
  }
}
