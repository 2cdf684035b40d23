package dev.golive.daemon;

import java.nio.file.Path;

/**
 * How the daemon runs: where it listens, where state lives, the write token (null refuses every write) and the read
 * token (null leaves reads open).
 *
 * @param storeUrl a JDBC URL for a shared store (PostgreSQL), or null for the embedded store under {@code dataDir}
 * @param publicUrl how people reach golive (e.g. {@code https://golive.example.com}), for absolute evidence links in
 *     alerts; null keeps them relative
 */
public record DaemonOptions(String host, int port, Path dataDir, String storeUrl, String storeUser,
    String storePassword, String token, String publicUrl, String readToken) {

  public DaemonOptions(String host, int port, Path dataDir, String storeUrl, String storeUser, String storePassword,
      String token, String publicUrl) {
    this(host, port, dataDir, storeUrl, storeUser, storePassword, token, publicUrl, null);
  }

  public DaemonOptions(String host, int port, Path dataDir, String storeUrl, String storeUser, String storePassword,
      String token) {
    this(host, port, dataDir, storeUrl, storeUser, storePassword, token, null);
  }

  public static DaemonOptions embedded(String host, int port, Path dataDir, String token) {
    return new DaemonOptions(host, port, dataDir, null, null, null, token);
  }

  /** The same options with reads guarded by {@code readToken}. */
  public DaemonOptions withReadToken(String readToken) {
    return new DaemonOptions(host, port, dataDir, storeUrl, storeUser, storePassword, token, publicUrl, readToken);
  }

  /** What the logs may show of the store: never the password. */
  public String storeDescription() {
    return storeUrl == null ? "embedded H2 under " + dataDir.toAbsolutePath().normalize()
        : storeUrl.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
