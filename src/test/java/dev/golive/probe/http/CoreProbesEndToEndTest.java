package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionResult;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import dev.golive.demo.Certificates;
import dev.golive.probe.Probe;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.Probes;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each core kind from its YAML block through {@link Probes#of} with real conditions. */
class CoreProbesEndToEndTest {
  private final TestLoop loop = new TestLoop(Secrets.of(Map.of("TOKEN", "s3cr3t-token")));
  private final List<Probe> probes = new ArrayList<>();

  @AfterEach
  void close() {
    probes.forEach(Probe::close);
    loop.close();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Probe probe(String yaml, String... conditions) {
    ConfigProblems problems = new ConfigProblems();
    var block = TestLoop.block(yaml, problems, loop.secrets());
    ProbeKind kind = ProbeKinds.byName(block.path()).orElseThrow();
    Object spec = kind.parse(block);
    assertThat(problems.sorted()).isEmpty();
    List<String> texts = conditions.length == 0 ? kind.defaultConditions(spec) : List.of(conditions);
    List<Condition> parsed = new ArrayList<>();
    for (String t : texts) {
      try {
        Condition c = Condition.parse(t);
        assertThat(kind.placeholders()).containsAll(c.placeholders());
        parsed.add(c);
      } catch (Exception e) {
        throw new AssertionError("does not parse: " + t, e);
      }
    }
    Duration timeout = Duration.ofSeconds(10); // the first TLS handshake of a JVM is slow on a loaded machine
    Probe p = Probes.of("p", kind.name(), kind.observer(spec, loop.env(), timeout), parsed, Duration.ofSeconds(30),
        timeout, loop.env());
    probes.add(p);
    return p;
  }

  private ProbeResult run(Probe p) {
    var r = loop.onLoop(p::run);
    assertThat(r.succeeded()).as("Probe.run() must always succeed: %s", r.cause()).isTrue();
    return r.result();
  }

  private static List<String> explanations(ProbeResult r) {
    return r.conditions().stream().map(ConditionResult::explanation).toList();
  }

  @Test
  void httpHealthCheckPassesThenExplainsAnOutage() {
    AtomicInteger status = new AtomicInteger(200);
    HttpServer server = loop.server(req -> req.response().setStatusCode(status.get())
        .putHeader("Content-Type", "application/json")
        .end(status.get() == 200 ? "{\"status\":\"UP\",\"checks\":[{\"ok\":true},{\"ok\":true}]}"
            : "{\"status\":\"DOWN\"}"));
    Probe p = probe("http: { url: \"http://127.0.0.1:" + server.actualPort() + "/health\" }",
        "[STATUS] == 200", "[BODY].status == UP", "[BODY].checks[*].ok == true", "[RESPONSE_TIME] < 2s",
        "[HEADER].content-type == application/json", "[CONNECTED] == true");

    ProbeResult up = run(p);
    assertThat(up.success()).as("%s", up).isTrue();
    assertThat(up.observed()).containsEntry("STATUS", 200);

    status.set(503);
    ProbeResult down = run(p);
    assertThat(down.success()).isFalse();
    assertThat(down.summary()).isEqualTo("[STATUS] (503) == 200");
    assertThat(explanations(down)).contains("[BODY].status (DOWN) == UP");
  }

  @Test
  void httpDefaultConditionAndRefusedConnections() {
    int port = TestLoop.freePort();

    ProbeResult refused = run(probe("http: { url: \"http://127.0.0.1:" + port + "/\", bearer: \"${env:TOKEN}\" }"));
    assertThat(refused.success()).isFalse();
    assertThat(refused.error()).endsWith("connection refused: 127.0.0.1:" + port).doesNotContain("s3cr3t");

    ProbeResult observed = run(probe("http: { url: \"http://127.0.0.1:" + port + "/\", connect-failure: observe }",
        "[CONNECTED] == false"));
    assertThat(observed.success()).as("%s", observed).isTrue();

    HttpServer server = loop.server(req -> req.response().setStatusCode(404).end());
    ProbeResult notFound = run(probe("http: { url: \"http://127.0.0.1:" + server.actualPort() + "/\" }"));
    assertThat(notFound.summary()).isEqualTo("[STATUS] (404) < 400");
  }

  @Test
  void tlsDefaultsPassForAGoodCertificateAndExplainAnExpiredOne(@TempDir Path dir) {
    Instant now = Instant.now();
    Certificates.PemFiles good = Certificates.localhost(dir, "good", now.minusSeconds(60), now.plus(Duration.ofDays(60)));
    Certificates.PemFiles old = Certificates.localhost(dir, "old", now.minus(Duration.ofDays(90)),
        now.minus(Duration.ofDays(1)));
    int goodPort = https(good).actualPort();
    int oldPort = https(old).actualPort();

    ProbeResult ok = run(probe("tls: { host: 127.0.0.1, port: " + goodPort + ", server-name: localhost, ca-file: \""
        + good.caCert() + "\" }"));
    assertThat(ok.success()).as("%s", ok).isTrue();
    ProbeResult version = run(probe("tls: { host: 127.0.0.1, port: " + goodPort + " }", "[TLS_VERSION] >= 1.2",
        "[CERT_EXPIRY] > 30d", "[HOSTNAME_MATCHES] == true"));
    assertThat(version.success()).as("%s", version).isTrue();

    ProbeResult expired = run(probe("tls: { host: 127.0.0.1, port: " + oldPort + ", server-name: localhost, ca-file: \""
        + old.caCert() + "\" }"));
    assertThat(expired.success()).isFalse();
    assertThat(expired.summary()).startsWith("[CHAIN_VALID] (false) == true: certificate for localhost expired ")
        .endsWith(", 1 day ago");
    assertThat(explanations(expired)).anySatisfy(e -> assertThat(e).startsWith("[CERT_EXPIRY] (-1d"));
    assertThat((String) expired.observed().get("CHAIN_ERROR")).startsWith("certificate for localhost expired ");
  }

  private HttpServer https(Certificates.PemFiles pem) {
    return loop.server(new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString())), req -> req.response().end());
  }

  @Test
  void metricsErrorRateAsARate() {
    AtomicReference<String> page = new AtomicReference<>(
        "# TYPE http_requests_total counter\nhttp_requests_total{code=\"500\",job=\"api\"} 10\n");
    HttpServer server = loop.server(req -> req.response().end(page.get()));
    String url = "http://127.0.0.1:" + server.actualPort() + "/metrics";
    Probe rate = probe("metrics: { url: \"" + url + "\", metric: http_requests_total, labels: { code: \"500\" },"
        + " rate: true }", "[VALUE] < 1000", "[LABELS].job == api");
    Probe series = probe("metrics: { url: \"" + url + "\", metric: http_requests_total }");
    Probe missing = probe("metrics: { url: \"" + url + "\", metric: http_requests_total, labels: { code: \"418\" } }",
        "[VALUE] == 0");

    ProbeResult first = run(rate);
    assertThat(first.inconclusive()).as("first scrape has no rate yet: %s", first).isTrue();
    page.set("http_requests_total{code=\"500\",job=\"api\"} 1000010\n");
    ProbeResult second = run(rate);
    assertThat(second.success()).isFalse();
    assertThat(second.summary()).matches("\\[VALUE] \\(\\d+(\\.\\d+)?\\) < 1000");

    assertThat(run(series).success()).isTrue();
    ProbeResult none = run(missing);
    assertThat(none.inconclusive()).isTrue();
    assertThat(none.observed()).containsEntry("SERIES", 0);
  }
}
