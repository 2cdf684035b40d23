package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.demo.Certificates;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.WireTesting;
import dev.golive.probe.http.TestLoop;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Probes against HTTPS servers whose certificates come from a private CA made in the test: each kind that speaks
 * HTTP passes with {@code ca-file} and, without it, fails naming the untrusted issuer; expired, not-yet-valid,
 * misnamed and self-signed certificates, client certificates and non-TLS ports explain themselves.
 */
class PrivateCaTest {
  private static final Instant NOW = Instant.now();
  private final TestLoop loop = new TestLoop();
  private final ConcurrentLinkedQueue<String> sni = new ConcurrentLinkedQueue<>();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  /** Answers like a well-behaved API: security headers, a CORS preflight for one origin, 200 for a bearer. */
  private static void api(HttpServerRequest req) {
    var res = req.response().putHeader("X-Content-Type-Options", "nosniff");
    String origin = req.getHeader("Origin");
    if (req.method().name().equals("OPTIONS")) {
      if ("https://app.example".equals(origin)) {
        res.putHeader("Access-Control-Allow-Origin", origin).putHeader("Access-Control-Allow-Methods", "GET")
            .putHeader("Vary", "Origin");
      }
      res.setStatusCode(204).end();
      return;
    }
    res.end("{\"ok\":true}");
  }

  private HttpServer https(Certificates.PemFiles pem) {
    return https(new HttpServerOptions(), pem);
  }

  private HttpServer https(HttpServerOptions options, Certificates.PemFiles pem) {
    options.setSsl(true).setSni(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString()));
    return loop.server(options, req -> {
      if (req.connection().indicatedServerName() != null) sni.add(req.connection().indicatedServerName());
      api(req);
    });
  }

  private ProbeResult run(String kindName, String yaml) throws Exception {
    @SuppressWarnings("unchecked")
    ProbeKind<Object> kind = (ProbeKind<Object>) ProbeKinds.byName(kindName).orElseThrow();
    var parsed = WireTesting.parse(kind, yaml, Map.of());
    assertThat(parsed.problems()).as(yaml).isEmpty();
    return WireTesting.runWithDefaults(loop.vertx(), kind, parsed.spec(), loop.env(), WireTesting.GENEROUS);
  }

  private static String block(String kind, int port, String extra) {
    String url = "https://127.0.0.1:" + port;
    String own = switch (kind) {
      case "http" -> "url: \"" + url + "/health\"";
      case "headers" -> "url: \"" + url + "/\", checks: [nosniff]";
      case "cors" -> "url: \"" + url + "/api\", origin: \"https://app.example\"";
      case "access" -> "url: \"" + url + "\", credentials: { user: { bearer: t0k } }, "
          + "routes: [ { request: GET /api/me, expect: { user: 200 } } ]";
      case "smoke" -> "url: \"" + url + "\", steps: [ { name: home, request: GET /, expect: 200 } ]";
      default -> throw new IllegalArgumentException(kind);
    };
    return kind + ": { " + own + extra + " }";
  }

  @ParameterizedTest
  @CsvSource({"http", "headers", "cors", "access", "smoke"})
  void passesWithTheCaFileAndNamesTheUntrustedIssuerWithoutIt(String kind) throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "corp", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    int port = https(pem).actualPort();

    ProbeResult trusted = run(kind, block(kind, port, ", ca-file: \"" + pem.caCert() + "\""));
    assertThat(trusted.success()).as("%s", trusted).isTrue();

    ProbeResult untrusted = run(kind, block(kind, port, ""));
    assertThat(untrusted.success()).isFalse();
    assertThat(untrusted.summary()).as(kind)
        .contains("certificate for localhost is not issued by a trusted CA: the chain ends at issuer "
            + "CN=corp test CA,O=golive (trusted: the JDK default trust store)")
        .doesNotContain("Failed to create SSL connection");
  }

  @Test
  void anotherCaInTheCaFileIsNotTrustedEither() throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "corp", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    Certificates.PemFiles other = Certificates.localhost(dir, "other", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    int port = https(pem).actualPort();

    ProbeResult r = run("http", block("http", port, ", ca-file: \"" + other.caCert() + "\""));

    assertThat(r.summary()).contains("issuer CN=corp test CA,O=golive (trusted: ca-file " + other.caCert() + ")");
  }

  @Test
  void anExpiredCertificateSaysWhenItExpired() throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "old", NOW.minus(Duration.ofDays(400)),
        NOW.minus(Duration.ofDays(2)).minusSeconds(600));
    int port = https(pem).actualPort();

    ProbeResult r = run("http", block("http", port, ", ca-file: \"" + pem.caCert() + "\""));

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).matches(".*TLS handshake with 127\\.0\\.0\\.1:" + port + " failed: certificate for "
        + "localhost expired \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ, 2 days ago");
  }

  @Test
  void aCertificateNotValidYetSaysFromWhen() throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "future", NOW.plus(Duration.ofDays(3)).plusSeconds(600),
        NOW.plus(Duration.ofDays(90)));
    int port = https(pem).actualPort();

    ProbeResult r = run("headers", block("headers", port, ", ca-file: \"" + pem.caCert() + "\""));

    assertThat(r.summary()).containsPattern("certificate for localhost is not valid yet: valid from "
        + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ, in 3 days");
  }

  @Test
  void aCertificateForAnotherHostNamesTheHostsItIsFor() throws Exception {
    Certificates.PemFiles pem = Certificates.write(dir, "named", List.of("api.internal.test", "www.internal.test"),
        NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(90)));
    int port = https(pem).actualPort();
    String ca = ", ca-file: \"" + pem.caCert() + "\"";

    ProbeResult wrong = run("http", block("http", port, ca));
    assertThat(wrong.summary()).endsWith("certificate for api.internal.test is not valid for 127.0.0.1: it names "
        + "api.internal.test, www.internal.test");

    ProbeResult named = run("http", block("http", port, ca + ", server-name: www.internal.test"));
    assertThat(named.success()).as("%s", named).isTrue();
    assertThat(sni).contains("www.internal.test");
    ProbeResult smoke = run("smoke", block("smoke", port, ca + ", server-name: api.internal.test"));
    assertThat(smoke.success()).as("%s", smoke).isTrue();

    ProbeResult tls = run("tls", "tls: { host: 127.0.0.1, port: " + port + ca + " }");
    assertThat(tls.summary()).isEqualTo("[HOSTNAME_MATCHES] (false) == true: the certificate is not valid for "
        + "127.0.0.1: it names api.internal.test, www.internal.test");
  }

  @Test
  void aSelfSignedCertificateSaysSoInEveryKindAndInTheTlsConditions() throws Exception {
    Certificates.PemFiles pem = TlsFixtures.selfSigned(dir, "self", "localhost");
    int port = https(pem).actualPort();
    String expected = "certificate for localhost is self-signed (CN=localhost,O=golive), not issued by a trusted "
        + "CA (trusted: the JDK default trust store)";

    assertThat(run("http", block("http", port, "")).summary()).endsWith(expected);
    assertThat(run("access", block("access", port, "")).summary())
        .isEqualTo("[VIOLATION_COUNT] (1) == 0: user GET /api/me → no response (TLS: " + expected
            + "), expected 200");
    assertThat(run("smoke", block("smoke", port, "")).summary())
        .isEqualTo("[STEPS_FAILED] (1) == 0: step 'home' (GET /) failed: no response (TLS: " + expected + ")");

    ProbeResult tls = run("tls", "tls: { host: 127.0.0.1, port: " + port + ", server-name: localhost }");
    assertThat(tls.summary()).isEqualTo("[CHAIN_VALID] (false) == true: " + expected);

    ProbeResult trusted = run("http", block("http", port,
        ", ca-file: \"" + pem.cert() + "\", server-name: localhost"));
    assertThat(trusted.success()).as("a self-signed certificate given as ca-file is trusted: %s", trusted).isTrue();
  }

  @Test
  void aServerThatRequiresAClientCertificateGetsOne() throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "corp", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    Certificates.Issued clientCa = Certificates.ca("clients test CA", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    Certificates.PemFiles client = TlsFixtures.client(dir, "probe", clientCa, "golive-probe");
    HttpServer server = https(new HttpServerOptions().setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(new PemTrustOptions().addCertPath(client.caCert().toString())), pem);
    String ca = ", ca-file: \"" + pem.caCert() + "\"";

    ProbeResult with = run("http", block("http", server.actualPort(), ca + ", client-cert: \"" + client.cert()
        + "\", client-key: \"" + client.key() + "\""));
    assertThat(with.success()).as("%s", with).isTrue();

    ProbeResult without = run("http", block("http", server.actualPort(), ca));
    assertThat(without.success()).isFalse();
    assertThat(without.summary()).contains("failed: the server requires a client certificate and none was sent "
        + "(set client-cert and client-key)");

    Certificates.Issued strangerCa = Certificates.ca("stranger test CA", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    Certificates.PemFiles stranger = TlsFixtures.client(dir, "stranger", strangerCa, "someone");
    ProbeResult refused = run("http", block("http", server.actualPort(), ca + ", client-cert: \"" + stranger.cert()
        + "\", client-key: \"" + stranger.key() + "\""));
    assertThat(refused.summary()).contains("failed: the server refused the client certificate " + stranger.cert());
  }

  @Test
  void aServerOfferingOnlyAnOldProtocolIsAProtocolMismatch() throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir, "old", NOW.minusSeconds(3600),
        NOW.plus(Duration.ofDays(90)));
    HttpServer server;
    try {
      server = https(new HttpServerOptions().setEnabledSecureTransportProtocols(java.util.Set.of("TLSv1.1")), pem);
    } catch (AssertionError cannotListen) {
      throw new AssertionError("this JDK cannot serve TLS 1.1 at all", cannotListen);
    }

    ProbeResult r = run("http", block("http", server.actualPort(), ", ca-file: \"" + pem.caCert() + "\""));

    assertThat(r.summary()).contains("failed: the server closed the connection during the TLS handshake: a protocol "
        + "version mismatch");
  }

  @Test
  void aHandshakeThatNeverCompletesSaysSo() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
      TlsSpec spec = new TlsSpec("127.0.0.1", silent.getLocalPort(), "localhost", (Path) null);
      TlsObserver observer = new TlsObserver(spec, loop.env(), Duration.ofSeconds(2));
      try {
        var r = loop.onLoop(observer::observe);
        assertThat(r.failed()).isTrue();
        assertThat(r.cause().getMessage()).startsWith("TLS handshake with 127.0.0.1:" + silent.getLocalPort()
            + " failed: the TLS handshake did not complete in time");
      } finally {
        observer.close();
      }
    }
  }

  @Test
  void aPortThatDoesNotSpeakTlsSaysSo() throws Exception {
    int port = loop.server(PrivateCaTest::api).actualPort();

    ProbeResult r = run("http", block("http", port, ""));

    assertThat(r.summary()).contains("TLS handshake with 127.0.0.1:" + port + " failed: the port does not speak TLS");
  }
}
