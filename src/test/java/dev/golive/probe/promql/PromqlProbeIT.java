package dev.golive.probe.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.probe.DataProbeFixture;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (/usr/bin/prometheus, Debian package prometheus) started on a loopback port, scraping every second
 * a Vert.x server whose request and error counters the test drives.
 */
class PromqlProbeIT {
  private static final String PROMETHEUS = "/usr/bin/prometheus";
  private static final Duration SCRAPE_DEADLINE = Duration.ofSeconds(45);
  private static final AtomicLong REQUESTS = new AtomicLong(1000);
  private static final AtomicLong ERRORS_A = new AtomicLong(5);
  private static final AtomicLong ERRORS_B = new AtomicLong(0);
  private static final String ERROR_RATE = "sum(app_http_errors_total) / sum(app_http_requests_total)";

  @TempDir static Path dir;
  private static DataProbeFixture fx;
  private static HttpServer target;
  private static Process prometheus;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of(PROMETHEUS)).as("prometheus is required (apt-get install prometheus)").isExecutable();
    fx = new DataProbeFixture();
    target = fx.run(() -> fx.vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4")
        .end("# TYPE app_http_requests_total counter\n"
            + "app_http_requests_total " + REQUESTS.get() + "\n"
            + "# TYPE app_http_errors_total counter\n"
            + "app_http_errors_total{route=\"/a\"} " + ERRORS_A.get() + "\n"
            + "app_http_errors_total{route=\"/b\"} " + ERRORS_B.get() + "\n"))
        .listen(0, "127.0.0.1"), Duration.ofSeconds(10));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global: { scrape_interval: 1s, evaluation_interval: 1s }\n"
        + "scrape_configs:\n  - job_name: app\n    metrics_path: /metrics\n"
        + "    static_configs: [ { targets: ['127.0.0.1:" + target.actualPort() + "'] } ]\n");
    prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    url = "http://127.0.0.1:" + port;
    await("Prometheus ready", spec("up", "inconclusive"), o -> true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) prometheus.destroyForcibly();
    }
    if (fx != null) fx.close();
  }

  private static PromqlSpec spec(String query, String noData) {
    DataProbeFixture.Parsed<PromqlSpec> p = DataProbeFixture.parse(new PromqlProbeKind(),
        "url: " + url + "\nquery: \"" + query + "\"\nno-data: " + noData);
    assertThat(p.problems()).isEmpty();
    return p.spec();
  }

  /** Polls the query API until the observation satisfies {@code done}; Prometheus scrapes every second. */
  private static Observation await(String what, PromqlSpec spec, Predicate<Observation> done) throws Exception {
    long deadline = System.nanoTime() + SCRAPE_DEADLINE.toNanos();
    DataProbeFixture.Outcome last = null;
    while (System.nanoTime() < deadline) {
      last = fx.observe(new PromqlObserver(spec, fx.env, Duration.ofSeconds(5)), Duration.ofSeconds(10));
      if (last.error() == null && done.test(last.observation())) return last.observation();
      Thread.sleep(250);
    }
    throw new AssertionError(what + ": not seen within " + SCRAPE_DEADLINE + "; last " + last + "\n"
        + (prometheus.isAlive() ? "" : "prometheus exited: " + Files.readString(dir.resolve("prometheus.log"))));
  }

  private static Predicate<Observation> valueIs(double expected) {
    return o -> o.get("VALUE").equals(Optional.of(expected));
  }

  @Test
  void errorRateBelowThenAboveTheThreshold() throws Exception {
    PromqlSpec spec = spec(ERROR_RATE, "fail");
    Observation below = await("error rate 0.005", spec, valueIs(0.005));
    assertThat((Double) below.get("VALUE").orElseThrow()).isLessThan(0.01);
    assertThat(below.get("SERIES")).contains(1);

    ERRORS_B.set(45);
    Observation above = await("error rate 0.05", spec, valueIs(0.05));
    assertThat((Double) above.get("VALUE").orElseThrow()).isGreaterThan(0.01);
  }

  @Test
  void severalSeriesGiveTheWorstAndTheList() throws Exception {
    Observation o = await("two error series", spec("app_http_errors_total", "fail"),
        x -> x.get("SERIES").equals(Optional.of(2)) && x.get("VALUE").equals(Optional.of((double) Math.max(
            ERRORS_A.get(), ERRORS_B.get()))));
    assertThat(o.get("RESULT").map(r -> ((List<?>) r).size())).contains(2);
    assertThat(((Map<?, ?>) o.get("LABELS").orElseThrow()).get("job")).isEqualTo("app");
  }

  @Test
  void absentSeriesFollowTheNoDataPolicy() throws Exception {
    String absent = "app_http_timeouts_total";
    assertThat(fx.observe(new PromqlObserver(spec(absent, "fail"), fx.env, Duration.ofSeconds(5)),
        Duration.ofSeconds(10)).errorMessage()).isEqualTo("query returned no data");
    Observation zero = fx.observe(new PromqlObserver(spec(absent, "zero"), fx.env, Duration.ofSeconds(5)),
        Duration.ofSeconds(10)).observation();
    assertThat(zero.get("VALUE")).contains(0.0);
    Observation inconclusive = fx.observe(new PromqlObserver(spec(absent, "inconclusive"), fx.env,
        Duration.ofSeconds(5)), Duration.ofSeconds(10)).observation();
    assertThat(inconclusive.has("VALUE")).isFalse();
  }

  @Test
  void badQueryIsRejectedByPrometheus() throws Exception {
    String error = fx.observe(new PromqlObserver(spec("sum(rate(", "fail"), fx.env, Duration.ofSeconds(5)),
        Duration.ofSeconds(10)).errorMessage();
    assertThat(error).startsWith("Prometheus rejected the query (HTTP 400, bad_data)");
  }
}
