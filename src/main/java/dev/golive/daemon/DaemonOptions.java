package dev.golive.daemon;

import java.nio.file.Path;

/**
 * How the daemon runs: where it listens, where state lives, and the write token (null refuses every write).
 *
 * @param storeUrl a JDBC URL for a shared store (PostgreSQL), or null for the embedded store under {@code dataDir}
 */
public record DaemonOptions(String host, int port, Path dataDir, String storeUrl, String storeUser,
    String storePassword, String token) {

  public static DaemonOptions embedded(String host, int port, Path dataDir, String token) {
    return new DaemonOptions(host, port, dataDir, null, null, null, token);
  }

  /** What the logs may show of the store: never the password. */
  public String storeDescription() {
    return storeUrl == null ? "embedded H2 under " + dataDir.toAbsolutePath().normalize()
        : storeUrl.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }
}
