package dev.golive.probe.tls;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionResult;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.demo.Certificates;
import dev.golive.probe.http.TestLoop;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsObserverTest {
  private static final Instant NOW = Instant.now();
  private final TestLoop loop = new TestLoop();
  private final ConcurrentLinkedQueue<String> sni = new ConcurrentLinkedQueue<>();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  private HttpServer https(Certificates.PemFiles pem, String... protocols) {
    HttpServerOptions options = new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(
        new PemKeyCertOptions().setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString()));
    if (protocols.length > 0) options.setEnabledSecureTransportProtocols(Set.of(protocols));
    HttpServer server = loop.server(options, req -> req.response().end());
    return server;
  }

  private AsyncResult<Observation> observe(TlsSpec spec) {
    // generous: the first TLS handshake of a JVM is slow on a loaded machine
    return observe(spec, Duration.ofSeconds(10));
  }

  private AsyncResult<Observation> observe(TlsSpec spec, Duration timeout) {
    TlsObserver observer = new TlsObserver(spec, loop.env(), timeout);
    try {
      return loop.onLoop(observer::observe);
    } finally {
      observer.close();
    }
  }

  private Observation observed(TlsSpec spec) {
    AsyncResult<Observation> r = observe(spec);
    assertThat(r.succeeded()).as("observation failed: %s", r.cause()).isTrue();
    return r.result();
  }

  @Test
  void aValidCertificateTrustedThroughCaFile() {
    Certificates.PemFiles pem = Certificates.localhost(dir, "ok", NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(30)));
    HttpServer server = https(pem);

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", pem.caCert()));

    assertThat(o.get("CHAIN_VALID")).contains(true);
    assertThat(o.has("CHAIN_ERROR")).isFalse();
    assertThat(o.get("HOSTNAME_MATCHES")).contains(true);
    assertThat((Duration) o.get("CERT_EXPIRY").orElseThrow())
        .isBetween(Duration.ofDays(30).minusMinutes(5), Duration.ofDays(30));
    assertThat(o.get("TLS_VERSION")).contains(1.3);
    assertThat(o.get("CERT_SUBJECT")).contains("CN=localhost,O=golive");
    assertThat(o.get("CERT_ISSUER")).contains("CN=ok test CA,O=golive");
    assertThat(o.get("CERT_SANS")).contains(List.of("localhost", "127.0.0.1"));
  }

  @Test
  void anUntrustedCaIsObservedAndExplained() {
    Certificates.PemFiles pem = Certificates.localhost(dir, "private", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    HttpServer server = https(pem);

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", (Path) null));

    assertThat(o.get("CHAIN_VALID")).contains(false);
    assertThat(o.get("CHAIN_ERROR")).contains("certificate for localhost is not issued by a trusted CA: the chain "
        + "ends at issuer CN=private test CA,O=golive (trusted: the JDK default trust store)");
    assertThat(o.get("HOSTNAME_MATCHES")).contains(true);
  }

  @Test
  void anExpiredCertificateHasNegativeExpiryAndAnInvalidChain() {
    Instant notAfter = NOW.minus(Duration.ofDays(3));
    Certificates.PemFiles pem = Certificates.localhost(dir, "old", NOW.minus(Duration.ofDays(400)), notAfter);
    HttpServer server = https(pem);

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", pem.caCert()));

    assertThat((Duration) o.get("CERT_EXPIRY").orElseThrow()).isNegative()
        .isBetween(Duration.ofDays(-3).minusMinutes(5), Duration.ofDays(-3).plusMinutes(5));
    assertThat(o.get("CHAIN_VALID")).contains(false);
    assertThat((String) o.get("CHAIN_ERROR").orElseThrow()).matches(
        "certificate for localhost expired \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ, 3 days ago");
  }

  @Test
  void aCertificateExpiringInThreeDaysFailsTheDefaultExpiryConditionAndSaysWhen() throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "soon", NOW.minus(Duration.ofDays(87)),
        NOW.plus(Duration.ofDays(3)));
    HttpServer server = https(pem);

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", pem.caCert()));

    assertThat(o.get("CHAIN_VALID")).contains(true);
    ConditionResult expiry = Condition.parse("[CERT_EXPIRY] > 14d").evaluate(o);
    assertThat(expiry.passed()).isFalse();
    assertThat(expiry.explanation()).startsWith("[CERT_EXPIRY] (2d 23h").endsWith(") > 14d");
  }

  @Test
  void aSelfSignedCertificateIsNotTrusted() {
    Certificates.Issued self = Certificates.ca("localhost", NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(30)));
    Certificates.PemFiles pem = Certificates.write(dir, "self", self, self);
    HttpServer server = https(pem);

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", (Path) null));

    assertThat(o.get("CHAIN_VALID")).contains(false);
    assertThat((String) o.get("CHAIN_ERROR").orElseThrow()).contains("not issued by a trusted CA");
  }

  @Test
  void aCertificateForAnotherNameDoesNotMatch() {
    Certificates.PemFiles pem = Certificates.write(dir, "other", List.of("api.other.example"),
        NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(30)));
    HttpServer server = https(pem);

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", pem.caCert()));

    assertThat(o.get("HOSTNAME_MATCHES")).contains(false);
    assertThat(o.get("CHAIN_VALID")).contains(true);
    assertThat(o.get("CERT_SANS")).contains(List.of("api.other.example"));
  }

  @Test
  void sendsTheServerNameAndReportsTheNegotiatedVersion() {
    Certificates.PemFiles pem = Certificates.localhost(dir, "v12", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(30)));
    HttpServerOptions options = new HttpServerOptions().setSsl(true).setSni(true)
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2"))
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.cert().toString())
            .setKeyPath(pem.key().toString()));
    HttpServer server = TestLoop.await(loop.vertx().createHttpServer(options.setHost("127.0.0.1"))
        .connectionHandler(c -> sni.add(String.valueOf(c.indicatedServerName())))
        .requestHandler(req -> req.response().end())
        .listen(0));

    Observation o = observed(new TlsSpec("127.0.0.1", server.actualPort(), "localhost", pem.caCert()));

    assertThat(o.get("TLS_VERSION")).contains(1.2);
    assertThat(sni).containsExactly("localhost");
  }

  @Test
  void refusedConnectionFails() {
    int port = TestLoop.freePort();

    AsyncResult<Observation> r = observe(new TlsSpec("127.0.0.1", port, "localhost", (Path) null));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause()).hasMessage("connection refused: 127.0.0.1:" + port);
  }

  @Test
  void aPlainTextServerFailsTheHandshakeWithinTheTimeout() {
    HttpServer plain = loop.server(req -> req.response().end());
    long t0 = System.nanoTime();

    AsyncResult<Observation> r = observe(new TlsSpec("127.0.0.1", plain.actualPort(), "localhost", (Path) null),
        Duration.ofSeconds(3));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause().getMessage()).as("%s", r.cause()).startsWith("TLS handshake with 127.0.0.1:" + plain.actualPort() + " failed");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void versionNumbers() {
    assertThat(TlsObserver.version("TLSv1.3")).isEqualTo(1.3);
    assertThat(TlsObserver.version("TLSv1.2")).isEqualTo(1.2);
    assertThat(TlsObserver.version("TLSv1")).isEqualTo(1.0);
    assertThat(TlsObserver.version("SSLv3")).isNull();
  }
}
