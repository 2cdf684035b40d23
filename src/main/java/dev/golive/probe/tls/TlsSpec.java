package dev.golive.probe.tls;

import java.nio.file.Path;

/** A {@code tls:} probe block, validated. {@code caFile} (PEM), when set, replaces the JDK trust store. */
public record TlsSpec(String host, int port, String serverName, Path caFile) {}
