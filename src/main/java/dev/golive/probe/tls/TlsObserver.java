package dev.golive.probe.tls;

import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.http.HttpTargets;
import io.vertx.core.Future;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509TrustManager;

/**
 * Handshakes with trust-all (so an expired, self-signed or misnamed certificate is still observed), closes the
 * connection, then validates the chain itself on the blocking pool. Succeeds with {@code CERT_EXPIRY} (until the
 * leaf's notAfter; negative once expired), {@code TLS_VERSION} (1.2, 1.3), {@code CERT_SUBJECT}, {@code CERT_ISSUER},
 * {@code CERT_SANS}, {@code HOSTNAME_MATCHES} (against the server name), {@code CHAIN_VALID}, {@code CERT_NOT_AFTER}
 * and, when the chain is not valid, {@code CHAIN_ERROR} saying why. Fails when no handshake could be made.
 */
final class TlsObserver implements Observer {
  private final TlsSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final NetClient client;

  TlsObserver(TlsSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    this.client = env.vertx().createNetClient(new NetClientOptions()
        .setConnectTimeout(millis)
        .setSslHandshakeTimeout(millis)
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS));
  }

  @Override
  public Future<Observation> observe() {
    ConnectOptions options = new ConnectOptions()
        .setHost(spec.host())
        .setPort(spec.port())
        .setSsl(true)
        .setSslOptions(TlsClients.observing(spec.tls()));
    if (!CertNames.isIpLiteral(spec.serverName())) options.setSniServerName(spec.serverName());
    return client.connect(options).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(HttpTargets.describe(ar.cause(), spec.host(), spec.port(),
            Durations.format(timeout), spec.tls()));
      }
      NetSocket socket = ar.result();
      try {
        String protocol = socket.sslSession().getProtocol();
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : socket.peerCertificates()) {
          if (c instanceof X509Certificate x) chain.add(x);
        }
        if (chain.isEmpty()) {
          return Future.failedFuture(new IllegalStateException(where() + " presented no X.509 certificate"));
        }
        return env.blocking().executeBlocking(() -> inspect(chain, protocol, Instant.now()));
      } catch (SSLPeerUnverifiedException e) {
        return Future.failedFuture(new IllegalStateException(where() + " presented no certificate"));
      } finally {
        socket.close();
      }
    });
  }

  private String where() {
    return spec.host() + ":" + spec.port();
  }

  /** Runs on the blocking pool: trust stores may be read from disk. */
  Observation inspect(List<X509Certificate> chain, String protocol, Instant now) {
    X509Certificate leaf = chain.get(0);
    String error = chainError(chain, now);
    return Observation.builder()
        .put("CHAIN_VALID", error == null)
        .put("CHAIN_ERROR", error)
        .put("HOSTNAME_MATCHES", CertNames.matches(leaf, spec.serverName()))
        .put("CERT_EXPIRY", Duration.between(now, leaf.getNotAfter().toInstant()))
        .put("CERT_NOT_AFTER", leaf.getNotAfter().toInstant().toString())
        .put("TLS_VERSION", version(protocol))
        .put("CERT_SUBJECT", leaf.getSubjectX500Principal().getName())
        .put("CERT_ISSUER", leaf.getIssuerX500Principal().getName())
        .put("CERT_SANS", CertNames.sans(leaf))
        .build();
  }

  /** Null when the chain verifies against the trust anchors, else why not, in a user's words. */
  private String chainError(List<X509Certificate> chain, Instant now) {
    try {
      X509TrustManager trust = spec.caFile() == null ? TrustAnchors.jdk() : TrustAnchors.of(spec.caFile());
      trust.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
      return null;
    } catch (CertificateException e) {
      return CertificateCheck.explain(chain, e, spec.tls().trustLabel(), now);
    } catch (Exception e) {
      return "cannot validate: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /**
   * Why a condition failed, in words: the chain error for {@code CHAIN_VALID}, the names presented for
   * {@code HOSTNAME_MATCHES}, the expiry date for {@code CERT_EXPIRY}.
   */
  @Override
  public String reason(Set<String> placeholders, Observation o) {
    List<String> why = new ArrayList<>();
    if (placeholders.contains("CHAIN_VALID")) o.get("CHAIN_ERROR").ifPresent(e -> why.add(String.valueOf(e)));
    if (placeholders.contains("HOSTNAME_MATCHES") && Boolean.FALSE.equals(o.get("HOSTNAME_MATCHES").orElse(null))) {
      why.add("the certificate is not valid for " + spec.serverName() + ": it names "
          + o.get("CERT_SANS").map(n -> n instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf)
              .toList()) : String.valueOf(n)).filter(n -> !n.isEmpty()).orElse("no DNS or IP name"));
    }
    if (placeholders.contains("CERT_EXPIRY") && o.get("CERT_EXPIRY").orElse(null) instanceof Duration left) {
      String at = o.get("CERT_NOT_AFTER").map(String::valueOf).orElse("?");
      why.add(left.isNegative() ? "expired " + at + ", " + CertificateCheck.amount(left.negated()) + " ago"
          : "expires " + at + ", in " + CertificateCheck.amount(left));
    }
    return why.isEmpty() ? null : String.join("; ", why);
  }

  /** {@code TLSv1.3} becomes 1.3, {@code TLSv1} becomes 1.0. */
  static Double version(String protocol) {
    if (protocol == null || !protocol.startsWith("TLSv")) return null;
    String v = protocol.substring(4);
    try {
      return Double.valueOf(v.contains(".") ? v : v + ".0");
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
