package dev.golive.probe.metrics;

import dev.golive.probe.tls.TlsSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.golive.condition.Observation;
import dev.golive.probe.http.TestLoop;
import dev.golive.probe.metrics.MetricsSpec.Aggregate;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsObserverTest {
  private static final String NODE = fixture("node.prom");
  private final TestLoop loop = new TestLoop();
  private final AtomicReference<String> page = new AtomicReference<>(NODE);
  private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
  private final HttpServer server = loop.server(req -> {
    seen.add(req.getHeader("Authorization") + " " + req.getHeader("X-Org"));
    if (req.path().equals("/metrics")) {
      req.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(page.get());
    } else {
      req.response().setStatusCode(404).end("not here");
    }
  });

  @AfterEach
  void close() {
    loop.close();
  }

  private static String fixture(String name) {
    try (InputStream in = MetricsObserverTest.class.getResourceAsStream("/MetricsObserverTest/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private MetricsSpec spec(String metric, Map<String, String> labels, Aggregate aggregate, boolean rate) {
    return new MetricsSpec(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics"), metric, labels,
        aggregate, rate, Map.of(), null, TlsSettings.DEFAULT);
  }

  private Observation scrape(MetricsObserver observer) {
    AsyncResult<Observation> r = loop.onLoop(observer::observe);
    assertThat(r.succeeded()).as("scrape failed: %s", r.cause()).isTrue();
    return r.result();
  }

  private Observation scrape(MetricsSpec spec) {
    MetricsObserver observer = new MetricsObserver(spec, loop.env(), Duration.ofSeconds(5));
    try {
      return scrape(observer);
    } finally {
      observer.close();
    }
  }

  @Test
  void sumsEveryMatchingSeriesByDefault() {
    Observation o = scrape(spec("http_requests_total", Map.of(), Aggregate.SUM, false));

    assertThat(o.get("SERIES")).contains(3);
    assertThat(o.get("VALUE")).contains(1037.0);
    assertThat(o.get("LABELS")).contains(Map.of("method", "post", "code", "200"));
  }

  @Test
  void matchesLabelsExactly() {
    Observation o = scrape(spec("http_requests_total", Map.of("method", "post"), Aggregate.SUM, false));
    assertThat(o.get("SERIES")).contains(2);
    assertThat(o.get("VALUE")).contains(1030.0);

    Observation escaped = scrape(spec("http_requests_total", Map.of("path", "C:\\dir\\"), Aggregate.SUM, false));
    assertThat(escaped.get("VALUE")).contains(7.0);
  }

  @Test
  void aggregates() {
    assertThat(scrape(spec("http_requests_total", Map.of(), Aggregate.MAX, false)).get("VALUE")).contains(1027.0);
    assertThat(scrape(spec("http_requests_total", Map.of(), Aggregate.MIN, false)).get("VALUE")).contains(3.0);
    assertThat((Double) scrape(spec("http_requests_total", Map.of(), Aggregate.AVG, false)).get("VALUE")
        .orElseThrow()).isCloseTo(1037.0 / 3, within(1e-9));
    assertThat(scrape(spec("http_requests_total", Map.of(), Aggregate.COUNT, false)).get("VALUE")).contains(3.0);
  }

  @Test
  void readsHistogramBucketsAndSpecialValues() {
    assertThat(scrape(spec("http_request_duration_seconds_bucket", Map.of("le", "+Inf"), Aggregate.SUM, false))
        .get("VALUE")).contains(144320.0);
    assertThat(scrape(spec("something_weird", Map.of(), Aggregate.SUM, false)).get("VALUE"))
        .contains(Double.POSITIVE_INFINITY);
    assertThat(scrape(spec("queue_depth", Map.of("queue", "b"), Aggregate.SUM, false)).get("VALUE"))
        .contains(Double.NEGATIVE_INFINITY);
    assertThat(scrape(spec("service.latency", Map.of("zone", "eu"), Aggregate.SUM, false)).get("VALUE"))
        .contains(0.25);
  }

  @Test
  void noMatchMeansNoValue() {
    Observation o = scrape(spec("http_requests_total", Map.of("method", "delete"), Aggregate.SUM, false));

    assertThat(o.get("SERIES")).contains(0);
    assertThat(o.has("VALUE")).isFalse();
    assertThat(o.has("LABELS")).isFalse();
  }

  @Test
  void rateIsThePerSecondIncreaseBetweenScrapes() throws Exception {
    MetricsObserver observer = new MetricsObserver(spec("requests_total", Map.of(), Aggregate.SUM, true),
        loop.env(), Duration.ofSeconds(5));
    Observation first = observer.observe(List.of(
        new Sample("requests_total", Map.of("i", "a"), 100, null),
        new Sample("requests_total", Map.of("i", "b"), 50, null)), 0L);
    Observation second = observer.observe(List.of(
        new Sample("requests_total", Map.of("i", "a"), 130, null),
        new Sample("requests_total", Map.of("i", "b"), 10, null),
        new Sample("requests_total", Map.of("i", "c"), 999, null)), 2_000_000_000L);

    assertThat(first.has("VALUE")).isFalse();
    assertThat(first.get("SERIES")).contains(2);
    // a: +30 in 2s = 15/s; b went down: a reset, so 10 in 2s = 5/s; c is new: no rate yet
    assertThat(second.get("VALUE")).contains(20.0);
    assertThat(second.get("SERIES")).contains(3);
  }

  @Test
  void rateAcrossTwoRealScrapes() {
    MetricsObserver observer = new MetricsObserver(spec("requests_total", Map.of(), Aggregate.SUM, true),
        loop.env(), Duration.ofSeconds(5));
    page.set("requests_total 100\n");
    long t0 = System.nanoTime();
    assertThat(scrape(observer).has("VALUE")).isFalse();
    page.set("requests_total 1100\n");

    double rate = (Double) scrape(observer).get("VALUE").orElseThrow();

    double elapsed = (System.nanoTime() - t0) / 1e9;
    assertThat(rate).isGreaterThanOrEqualTo(1000 / elapsed).isPositive();
  }

  @Test
  void sendsHeadersAndBearer() {
    MetricsSpec spec = new MetricsSpec(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics"),
        "metric_without_timestamp_and_labels", Map.of(), Aggregate.SUM, false, Map.of("X-Org", "7"), "tok",
        TlsSettings.DEFAULT);

    assertThat(scrape(spec).get("VALUE")).contains(12.47);
    assertThat(seen).containsExactly("Bearer tok 7");
  }

  @Test
  void anHttpErrorFailsTheScrape() {
    MetricsSpec spec = new MetricsSpec(URI.create("http://127.0.0.1:" + server.actualPort() + "/nope"), "up",
        Map.of(), Aggregate.SUM, false, Map.of(), null, TlsSettings.DEFAULT);
    MetricsObserver observer = new MetricsObserver(spec, loop.env(), Duration.ofSeconds(5));

    AsyncResult<Observation> r = loop.onLoop(observer::observe);

    assertThat(r.failed()).isTrue();
    assertThat(r.cause()).hasMessage("HTTP 404 from http://127.0.0.1:" + server.actualPort() + "/nope");
  }

  @Test
  void aRefusedConnectionFails() {
    int port = TestLoop.freePort();
    MetricsSpec spec = new MetricsSpec(URI.create("http://127.0.0.1:" + port + "/metrics"), "up", Map.of(),
        Aggregate.SUM, false, Map.of(), null, TlsSettings.DEFAULT);

    AsyncResult<Observation> r = loop.onLoop(new MetricsObserver(spec, loop.env(), Duration.ofSeconds(2))::observe);

    assertThat(r.cause()).hasMessage("connection refused: 127.0.0.1:" + port);
  }

  @Test
  void linesSplitAcrossChunksAreReadWhole() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20_000; i++) big.append("filler_metric{i=\"").append(i).append("\"} ").append(i).append('\n');
    big.append("target_metric{x=\"y\"} 42\n");
    for (int i = 0; i < 2_000; i++) big.append("target_metric{i=\"").append(i).append("\"} 1\n");
    page.set(big.toString());

    Observation o = scrape(spec("target_metric", Map.of(), Aggregate.SUM, false));

    assertThat(o.get("SERIES")).contains(2001);
    assertThat(o.get("VALUE")).contains(2042.0);
  }
}
