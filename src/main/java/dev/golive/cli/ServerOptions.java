package dev.golive.cli;

import dev.golive.daemon.DaemonOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the daemon listens and keeps state, and its write token. */
final class ServerOptions {
  static final String TOKEN_ENV = "GOLIVE_API_TOKEN";
  static final String STORE_PASSWORD_ENV = "GOLIVE_STORE_PASSWORD";

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

  DaemonOptions toOptions() {
    return new DaemonOptions(host, port, data, storeUrl, storeUrl == null ? null : storeUser,
        storeUrl == null ? null : System.getenv(STORE_PASSWORD_ENV), token());
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
