package dev.golive.probe.tls;

import java.nio.file.Path;

/**
 * A {@code tls:} probe block, validated. {@code serverName} is sent as SNI and matched against the certificate;
 * {@code tls} holds the {@code ca-file} (PEM, replaces the JDK trust store when set) and the client certificate.
 */
public record TlsSpec(String host, int port, String serverName, TlsSettings tls) {

  /** Without a client certificate. */
  public TlsSpec(String host, int port, String serverName, Path caFile) {
    this(host, port, serverName, new TlsSettings(caFile, null, null, null, false));
  }

  public Path caFile() {
    return tls.caFile();
  }
}
