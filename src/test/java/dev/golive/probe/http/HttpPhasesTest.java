package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.demo.Certificates;
import dev.golive.probe.tls.TlsSettings;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS handshake as a phase of its own: in PHASES, and named by a timeout during it. */
class HttpPhasesTest {
  private final TestLoop loop = new TestLoop();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  private static HttpSpec get(String url, TlsSettings tls, boolean keepAlive) {
    return new HttpSpec(URI.create(url), "GET", Map.of(), null, null, null, null, false, false, false, 5, tls,
        keepAlive);
  }

  private AsyncResult<Observation> observe(HttpSpec spec, Duration timeout) {
    HttpObserver observer = new HttpObserver(spec, loop.env(), timeout);
    return loop.onLoop(observer::observe);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> phases(AsyncResult<Observation> r) {
    assertThat(r.succeeded()).as("%s", r.cause()).isTrue();
    return (Map<String, Double>) r.result().get("PHASES").orElseThrow();
  }

  private HttpServer https(AtomicInteger connections) {
    Certificates.PemFiles pem = Certificates.localhost(dir, "web", Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30)));
    HttpServerOptions options = new HttpServerOptions().setSsl(true).setKeyCertOptions(
        new PemKeyCertOptions().setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString()));
    return TestLoop.await(loop.vertx().createHttpServer(options.setHost("127.0.0.1"))
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> req.response().end("secure")).listen(0));
  }

  private TlsSettings trusting() {
    return new TlsSettings(dir.resolve("web-ca.pem"), null, null, null, false);
  }

  @Test
  void httpsEvidenceHasATlsPhaseAndPlainHttpHasNone() {
    AtomicInteger connections = new AtomicInteger();
    HttpServer secure = https(connections);
    HttpServer plain = loop.server(req -> req.response().end("plain"));

    Map<String, Double> tls = phases(observe(get("https://127.0.0.1:" + secure.actualPort() + "/", trusting(), false),
        Duration.ofSeconds(10)));
    Map<String, Double> http = phases(observe(get("http://127.0.0.1:" + plain.actualPort() + "/",
        TlsSettings.DEFAULT, false), Duration.ofSeconds(10)));

    assertThat(tls).containsOnlyKeys("resolve", "connect", "tls", "first_byte", "transfer");
    assertThat(tls.get("tls")).as("the handshake").isPositive();
    assertThat(tls.get("connect")).as("the TCP connect, apart from the handshake").isPositive()
        .isLessThan(tls.get("tls"));
    assertThat(http.get("tls")).isZero();
    assertThat(http.get("connect")).isPositive();
  }

  @Test
  void withoutKeepAliveEveryHttpsRunHasItsOwnHandshakeAndVerifiesTheCertificate() {
    AtomicInteger connections = new AtomicInteger();
    HttpServer secure = https(connections);
    String url = "https://127.0.0.1:" + secure.actualPort() + "/";

    for (int i = 0; i < 3; i++) assertThat(phases(observe(get(url, trusting(), false), Duration.ofSeconds(10)))
        .get("tls")).isPositive();
    AsyncResult<Observation> untrusted = observe(get(url, TlsSettings.DEFAULT, false), Duration.ofSeconds(10));

    assertThat(connections.get()).isEqualTo(3);
    assertThat(untrusted.failed()).isTrue();
    assertThat(untrusted.cause().getMessage()).startsWith("TLS handshake with 127.0.0.1:" + secure.actualPort()
        + " failed: ");
  }

  @Test
  void aTimeoutInTheHandshakeSaysSoAndClosesTheConnection() throws Exception {
    try (Stalls silent = Stalls.silent()) {
      AsyncResult<Observation> r = observe(get("https://127.0.0.1:" + silent.port() + "/", TlsSettings.DEFAULT,
          false), Duration.ofMillis(400));

      assertThat(r.failed()).isTrue();
      assertThat(r.cause().getMessage()).matches("no response from 127\\.0\\.0\\.1:" + silent.port()
          + " within 400ms \\(in the TLS handshake after 0\\.\\ds\\)");
      assertThat(silent.awaitClientClosed()).as("the run closed its connection").isTrue();
    }
  }

  @Test
  void aTimeoutWhileConnectingSaysConnecting() throws Exception {
    try (Stalls full = Stalls.backlogFull()) {
      AsyncResult<Observation> r = observe(get("https://127.0.0.1:" + full.port() + "/", TlsSettings.DEFAULT,
          false), Duration.ofMillis(400));

      assertThat(r.failed()).isTrue();
      assertThat(r.cause().getMessage()).matches("no response from 127\\.0\\.0\\.1:" + full.port()
          + " within 400ms \\(connecting after 0\\.\\ds\\)");
    }
  }

  @Test
  void withKeepAliveANewConnectionStillHasItsHandshakeTimedAndATimeoutInItSaysSo() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    HttpServer secure = https(connections);
    Map<String, Double> first = phases(observe(get("https://127.0.0.1:" + secure.actualPort() + "/", trusting(),
        true), Duration.ofSeconds(10)));
    assertThat(first.get("tls")).isPositive();
    assertThat(first.get("connect")).isPositive();

    try (Stalls silent = Stalls.silent()) {
      AsyncResult<Observation> r = observe(get("https://127.0.0.1:" + silent.port() + "/", TlsSettings.DEFAULT,
          true), Duration.ofMillis(400));
      assertThat(r.cause().getMessage()).endsWith("(in the TLS handshake after 0.4s)");
      assertThat(silent.awaitClientClosed()).as("the run closed its connection").isTrue();
    }
  }
}
