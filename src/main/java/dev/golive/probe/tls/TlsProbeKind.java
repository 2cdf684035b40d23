package dev.golive.probe.tls;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code tls:} probes: a TLS handshake that looks at the certificate the server presents, trusted or not, and says
 * whether its chain is valid, its names match, and how long until it expires.
 */
public final class TlsProbeKind implements ProbeKind<TlsSpec> {
  public static final Set<String> PLACEHOLDERS = Placeholders.of("CERT_EXPIRY:time-left TLS_VERSION:number"
      + " CERT_SUBJECT:text CERT_ISSUER:text CERT_SANS:list HOSTNAME_MATCHES:bool CHAIN_VALID:bool CHAIN_ERROR:text"
      + " CERT_NOT_AFTER:timestamp");

  @Override
  public String name() {
    return "tls";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public TlsSpec parse(ConfigNode block) {
    if (!block.isMap()) {
      block.problem("expected a mapping such as { host: example.com, port: 443 }");
      return null;
    }
    block.allowOnly("host", "port", "server-name", "ca-file", "client-cert", "client-key");
    String host = block.requiredString("host");
    if (host != null && (host.isBlank() || host.contains("/") || host.contains(" "))) {
      block.get("host").orElseThrow().problem("expected a host name or IP address, got '" + host + "'"
          + (host.contains("://") ? " (write the host without a scheme or path)" : ""));
      host = null;
    }
    int port = block.integer("port", 443, 1, 65535);
    TlsSettings tls = TlsSettings.readWithoutInsecure(block);
    if (host == null) return null;
    return new TlsSpec(host, port, tls.serverName() != null ? tls.serverName() : host,
        new TlsSettings(tls.caFile(), tls.clientCert(), tls.clientKey(), null, false));
  }

  @Override
  public List<String> defaultConditions(TlsSpec spec) {
    return List.of("[CHAIN_VALID] == true", "[HOSTNAME_MATCHES] == true", "[CERT_EXPIRY] > 14d");
  }

  @Override
  public Observer observer(TlsSpec spec, ProbeEnvironment env, Duration timeout) {
    return new TlsObserver(spec, env, timeout);
  }
}
