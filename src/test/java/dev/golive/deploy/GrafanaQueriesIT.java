package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.cli.GoliveProcess;
import dev.golive.demo.DemoProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a running {@code golive demo}; every query of the Grafana dashboard (panel targets,
 * annotations, variable queries) runs against it with Grafana's variables substituted, and each must return data,
 * except the panels listed in {@link #NEEDS_TRIGGERS_OR_NOTIFIERS}, which have series only while a trigger fires or
 * after a notifier delivered. The demo detects its version at start and the test marks a second release while
 * Prometheus watches, so the deployment, window and annotation queries must have data.
 */
class GrafanaQueriesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration DATA_DEADLINE = Duration.ofSeconds(150);

  /** May be empty on the demo: no trigger fires while the demo is healthy, and a notifier counts only deliveries. */
  static final Map<String, String> NEEDS_TRIGGERS_OR_NOTIFIERS = Map.of(
      "Firing triggers", "golive_trigger_firing needs rollback triggers in an open window (the demo plan has none)",
      "Triggers over time", "golive_trigger_firing needs rollback triggers in an open window (the demo plan has none)",
      "Alert deliveries", "golive_alert_deliveries_total needs a notifier that delivered (the demo plan has none)",
      "Outbox depth", "golive_outbox_pending needs a notifier (the demo plan has none)");

  /** The metric families only those panels use: they need not appear on the demo's /metrics. */
  private static final Set<String> CONDITIONAL_FAMILIES = Set.of("golive_deployment_info",
      "golive_deployment_timestamp_seconds", "golive_window_active", "golive_trigger_firing",
      "golive_alert_deliveries_total", "golive_outbox_pending");

  private static final Pattern METRIC = Pattern.compile("\\bgolive_[a-z0-9_]+\\b");
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*(.+?)\\s*,\\s*(\\w+)\\s*\\)\\s*$");

  record Query(String title, String expr) {}

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void everyDashboardQueryReturnsDataFromARealPrometheusScrapingTheDemo() throws Exception {
    Path prometheusBin = Tools.require("prometheus", "prometheus");
    JsonNode dashboard = JSON.readTree(DashboardTest.DASHBOARD.toFile());
    List<Query> queries = queries(dashboard);
    assertThat(queries).hasSizeGreaterThan(10);

    try (DemoProcess demo = DemoProcess.start(Files.createDirectories(dir.resolve("demo")));
        Prometheus prometheus = Prometheus.start(prometheusBin, dir.resolve("prometheus"), demo.port())) {
      demo.await("/readyz", b -> true);
      Map<String, String> expectedEmpty = new LinkedHashMap<>(NEEDS_TRIGGERS_OR_NOTIFIERS);
      Set<String> titles = new LinkedHashSet<>();
      queries.forEach(q -> titles.add(q.title()));
      assertThat(titles).as("the expected-empty list names real panels").containsAll(NEEDS_TRIGGERS_OR_NOTIFIERS.keySet());

      prometheus.awaitData("up{job=\"golive\"} == 1");
      // a release while Prometheus watches, so the deployment annotation (changes of the timestamp) has data
      prometheus.awaitData("golive_deployment_timestamp_seconds");
      deploy(demo);
      Map<String, String> missing = new LinkedHashMap<>();
      long end = System.nanoTime() + DATA_DEADLINE.toNanos();
      do {
        missing.clear();
        for (Query q : queries) {
          if (expectedEmpty.containsKey(q.title())) continue;
          String answer = prometheus.query(promql(q.expr()));
          if (!hasData(answer)) missing.put(q.title() + ": " + promql(q.expr()), answer);
        }
        if (missing.isEmpty()) break;
        Thread.sleep(1000);
      } while (System.nanoTime() < end);
      assertThat(missing).as("dashboard queries without data (expected empty: %s)", expectedEmpty).isEmpty();

      // the expected-empty ones must at least be valid PromQL
      for (Query q : queries) {
        if (expectedEmpty.containsKey(q.title())) {
          assertThat(JSON.readTree(prometheus.query(promql(q.expr()))).path("status").asText())
              .as("%s: %s", q.title(), q.expr()).isEqualTo("success");
        }
      }

      // no golive_ name the dashboard uses is one golive does not export
      MetricCatalog catalog = MetricCatalog.load();
      Set<String> referenced = new LinkedHashSet<>();
      Matcher m = METRIC.matcher(Files.readString(DashboardTest.DASHBOARD));
      while (m.find()) referenced.add(m.group());
      Set<String> scraped = new LinkedHashSet<>();
      JSON.readTree(prometheus.get("/api/v1/label/__name__/values")).path("data").forEach(n -> scraped.add(n.asText()));
      for (String name : referenced) {
        assertThat(catalog.familyOf(name)).as("%s is referenced by the dashboard but is not in MetricNames", name)
            .isNotNull();
        if (!CONDITIONAL_FAMILIES.contains(catalog.familyOf(name))) {
          assertThat(scraped).as("%s is referenced by the dashboard but golive's /metrics does not show it", name)
              .contains(name);
        }
      }
    }
  }

  /** Marks a new release of the demo (the demo itself detected 1.4.2 at start). */
  private static void deploy(DemoProcess demo) throws Exception {
    HttpResponse<String> r = demo.post("/api/plans/demo/deployments", demo.token(),
        "{\"version\":\"1.4.3\",\"note\":\"GrafanaQueriesIT\"}");
    assertThat(r.statusCode()).as("POST /api/plans/demo/deployments: %s", r.body()).isEqualTo(201);
  }

  /** Panel targets (rows' nested panels too), annotation queries and query variables, each with where it comes from. */
  static List<Query> queries(JsonNode dashboard) {
    List<Query> out = new ArrayList<>();
    collect(dashboard.path("panels"), out);
    for (JsonNode a : dashboard.path("annotations").path("list")) {
      if (a.hasNonNull("expr")) out.add(new Query("annotation " + a.path("name").asText(), a.path("expr").asText()));
    }
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (!v.path("type").asText().equals("query")) continue;
      JsonNode q = v.path("query");
      String text = q.isObject() ? q.path("query").asText() : q.asText();
      Matcher lv = LABEL_VALUES.matcher(text);
      assertThat(lv.matches()).as("variable %s: only label_values(metric, label) is understood: %s",
          v.path("name").asText(), text).isTrue();
      out.add(new Query("variable " + v.path("name").asText(), "count by (" + lv.group(2) + ") (" + lv.group(1) + ")"));
    }
    return out;
  }

  private static void collect(JsonNode panels, List<Query> out) {
    for (JsonNode p : panels) {
      for (JsonNode t : p.path("targets")) {
        if (t.hasNonNull("expr") && !t.path("expr").asText().isBlank() && !t.path("hide").asBoolean()) {
          out.add(new Query(p.path("title").asText(), t.path("expr").asText()));
        }
      }
      collect(p.path("panels"), out);
    }
  }

  /** Grafana's variables as a dashboard user sees them: every plan, a 1m rate window, a 5m range. */
  static String promql(String expr) {
    String e = expr;
    String[][] builtins = {{"__rate_interval", "1m"}, {"__interval_ms", "15000"}, {"__interval", "15s"},
        {"__range_ms", "300000"}, {"__range_s", "300"}, {"__range", "5m"}, {"plan", ".*"}};
    for (String[] b : builtins) {
      e = e.replaceAll("\\$\\{" + b[0] + "(?::[a-z]+)?\\}", b[1]).replace("[[" + b[0] + "]]", b[1])
          .replaceAll("\\$" + b[0] + "\\b", b[1]);
    }
    assertThat(e).as("a variable left unsubstituted in %s", expr).doesNotContain("$");
    return e;
  }

  static boolean hasData(String answer) {
    try {
      JsonNode n = JSON.readTree(answer);
      return n.path("status").asText().equals("success") && n.path("data").path("result").size() > 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** /usr/bin/prometheus on a free loopback port with temporary storage, scraping golive every second. */
  static final class Prometheus implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private Prometheus(Process process, Path log, int port) {
      this.process = process;
      this.log = log;
      this.port = port;
    }

    static Prometheus start(Path bin, Path dir, int golivePort) throws Exception {
      Files.createDirectories(dir);
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, """
          global: { scrape_interval: 1s, evaluation_interval: 1s }
          scrape_configs:
            - job_name: golive
              metrics_path: /metrics
              static_configs: [ { targets: ["127.0.0.1:%d"] } ]
          """.formatted(golivePort));
      int port = GoliveProcess.freePort();
      Path log = dir.resolve("prometheus.log");
      Process p = new ProcessBuilder(bin.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
          "--log.level=warn").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Prometheus prom = new Prometheus(p, log, port);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        assertThat(p.isAlive()).as("prometheus runs: %s", Files.readString(log)).isTrue();
        try {
          if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return prom;
        } catch (java.io.IOException e) {
          // not listening yet
        }
        if (System.nanoTime() > end) {
          prom.close();
          throw new AssertionError("prometheus not ready in 60s: " + Files.readString(log));
        }
        Thread.sleep(200);
      }
    }

    String get(String path) throws Exception {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String query(String promql) throws Exception {
      return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    void awaitData(String promql) throws Exception {
      long end = System.nanoTime() + DATA_DEADLINE.toNanos();
      String last = "";
      while (System.nanoTime() < end) {
        last = query(promql);
        if (hasData(last)) return;
        Thread.sleep(500);
      }
      throw new AssertionError("no data for " + promql + ": " + last + "\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
