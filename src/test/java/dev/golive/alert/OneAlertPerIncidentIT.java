package dev.golive.alert;

import static dev.golive.alert.AlertFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.rollout.ErrorRateTarget;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One incident, one page: golive's own Alertmanager notifier and a real Prometheus evaluating the shipped rule
 * {@code GoliveRollbackTriggerFiring} (deploy/prometheus/golive-rules.yml, scraping the real daemon) both post the
 * firing trigger to the same real Alertmanager, whose webhook receiver (a loopback server here) gets exactly one
 * notification group holding one alert. Debian's prometheus and prometheus-alertmanager; fails loudly without them.
 */
class OneAlertPerIncidentIT {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final Path RULES = Path.of("deploy/prometheus/golive-rules.yml").toAbsolutePath();
  private static final String TOKEN = "one-alert-token";
  private static final Duration GROUP_INTERVAL = Duration.ofSeconds(2);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
  private HttpServer hook;
  private AlertmanagerServer alertmanager;
  private ErrorRateTarget target;
  private Daemon daemon;
  private Process prometheus;

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) prometheus.destroyForcibly();
    }
    if (daemon != null) daemon.close();
    if (target != null) target.close();
    if (alertmanager != null) alertmanager.close();
    if (hook != null) hook.stop(0);
  }

  @Test
  void goliveAndThePrometheusRuleMakeOneNotificationWithOneAlert() throws Exception {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/am", ex -> {
      notifications.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hook.start();
    alertmanager = AlertmanagerServer.start("""
        route:
          receiver: hook
          group_by: [alertname, plan, trigger]
          group_wait: 2s
          group_interval: %ds
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: "http://127.0.0.1:%d/am"
                send_resolved: false
        """.formatted(GROUP_INTERVAL.toSeconds(), hook.getAddress().getPort()));
    target = new ErrorRateTarget();
    Secrets secrets = Secrets.of(Map.of("TARGET_URL", target.url(), "AM_URL", alertmanager.url()));
    List<PlanConfig> plans = PlanLoader.loadAll(List.of(Path.of("src/test/resources/OneAlertPerIncidentIT/shop")),
        secrets);
    daemon = Daemon.start(plans, DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("state"), TOKEN), secrets);
    int prometheusPort = startPrometheus(daemon.port(), alertmanager.port);

    PlanRuntime runtime = daemon.runtimes().get("shop");
    eventually(() -> assertThat(runtime.lastResults()).containsKey("errors"));
    HttpResponse<String> marked = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
            + "/api/plans/shop/deployments")).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"2.0\"}")));
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
    target.errors(0.3);
    run(runtime);

    // Prometheus sees the trigger fire through the shipped rule and has posted it to Alertmanager
    JsonNode ruleAlert = waitFor(Duration.ofSeconds(90), () -> {
      for (JsonNode a : get(prometheusPort, "/api/v1/alerts").path("data").path("alerts")) {
        if (a.path("labels").path("alertname").asText().equals("GoliveRollbackTriggerFiring")
            && a.path("state").asText().equals("firing")) {
          return a;
        }
      }
      return null;
    });
    waitFor(Duration.ofSeconds(60), () -> sentByPrometheus(prometheusPort) >= 1 ? true : null);

    Map<String, String> labels = Map.of("alertname", "GoliveRollbackTriggerFiring", "plan", "shop",
        "trigger", "error-rate", "severity", "critical", "rollback", "true");
    // both have posted; a second alert in the group would be notified within one group_interval: wait three
    waitFor(Duration.ofSeconds(60), () -> notifications.isEmpty() ? null : true);
    long quietUntil = System.nanoTime() + GROUP_INTERVAL.multipliedBy(3).toNanos();
    while (System.nanoTime() < quietUntil) {
      run(runtime); // still firing: golive keeps re-sending, Prometheus keeps evaluating
      Thread.sleep(500);
    }
    assertThat(notifications).as("one notification for the incident").singleElement().satisfies(n -> {
      assertThat(n.path("status").asText()).isEqualTo("firing");
      assertThat(n.path("alerts")).as("one alert in the group").hasSize(1);
      assertThat(JSON.convertValue(n.path("alerts").get(0).path("labels"), Map.class)).isEqualTo(labels);
    });
    // the same label set on both sides: Alertmanager holds one alert for the incident
    assertThat(JSON.convertValue(ruleAlert.path("labels"), Map.class)).isEqualTo(labels);
    eventually(() -> assertThat(alertmanager.active("shop")).singleElement()
        .satisfies(a -> assertThat(JSON.convertValue(a.path("labels"), Map.class)).isEqualTo(labels)));

    assertThat(alertmanager.active("shop")).hasSize(1);
  }

  private int startPrometheus(int golivePort, int alertmanagerPort) throws Exception {
    if (!Files.isExecutable(PROMETHEUS)) {
      fail(PROMETHEUS + " is missing: install the Debian package 'prometheus'; this test does not skip");
    }
    int port = AlertFixture.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global: { scrape_interval: 1s, evaluation_interval: 1s }
        rule_files: ["%s"]
        alerting:
          alertmanagers:
            - static_configs: [{ targets: ["127.0.0.1:%d"] }]
        scrape_configs:
          - job_name: golive
            static_configs: [{ targets: ["127.0.0.1:%d"] }]
        """.formatted(RULES, alertmanagerPort, golivePort));
    Path log = dir.resolve("prometheus.log");
    prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    waitFor(Duration.ofSeconds(60), () -> {
      if (!prometheus.isAlive()) fail("prometheus exited: " + read(log));
      try {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? true : null;
      } catch (IOException e) {
        return null;
      }
    });
    return port;
  }

  /** Alerts Prometheus has sent to Alertmanager ({@code prometheus_notifications_sent_total}). */
  private static double sentByPrometheus(int port) throws Exception {
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^prometheus_notifications_sent_total\\{[^}]*} (\\S+)$").matcher(metrics);
    double sum = 0;
    while (m.find()) sum += Double.parseDouble(m.group(1));
    return sum;
  }

  private static JsonNode get(int port, String path) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  interface Poll<T> {
    T get() throws Exception;
  }

  /** Polls until {@code poll} returns non-null, or fails after {@code limit}. */
  private static <T> T waitFor(Duration limit, Poll<T> poll) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      T v = poll.get();
      if (v != null) return v;
      if (System.nanoTime() > end) fail("not within " + limit);
      Thread.sleep(200);
    }
  }

  private static void run(PlanRuntime runtime) throws Exception {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run("errors").onComplete(done));
    done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
