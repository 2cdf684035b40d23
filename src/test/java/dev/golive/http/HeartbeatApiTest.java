package dev.golive.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real daemon with one heartbeat: pings authenticated by their own token, stored, evaluated at once. */
class HeartbeatApiTest {
  private static final String HB_TOKEN = "hb-7d1e0c-nightly";
  private static final String API_TOKEN = "api-write-token-42";
  private static final Path PLAN = Path.of("src/test/resources/HeartbeatApiTest/ops");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path data;
  private Daemon daemon;

  private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
      new ch.qos.logback.core.read.ListAppender<>();

  private void start() throws Exception {
    ch.qos.logback.classic.Logger root = rootLogger();
    if (!logs.isStarted()) {
      logs.start();
      root.addAppender(logs);
    }
    Secrets secrets = Secrets.of(Map.of("BACKUP_HB_TOKEN", HB_TOKEN));
    daemon = Daemon.start(List.of(PlanLoader.load(PLAN, secrets)),
        DaemonOptions.embedded("127.0.0.1", 0, data, API_TOKEN), secrets);
    // the scheduler's first run (within its start spread) comes before the test's pings; the next is an hour away
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!daemon.runtimes().get("ops").lastResults().containsKey("nightly-backup")) {
      assertThat(System.nanoTime()).as("first scheduled run").isLessThan(end);
      Thread.sleep(20);
    }
  }

  @AfterEach
  void stop() {
    if (daemon != null) daemon.close();
    if (logs.isStarted()) rootLogger().detachAppender(logs);
  }

  /** Logback's root logger, once SLF4J finished initializing (tests in parallel may catch it half-way). */
  private static ch.qos.logback.classic.Logger rootLogger() {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
      assertThat(System.nanoTime()).as("SLF4J initialized").isLessThan(end);
      Thread.onSpinWait();
    }
    return ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    if (body != null) b.header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> ping(String query, String bearer, String body) throws Exception {
    return send("POST", "/api/heartbeats/ops/nightly-backup" + query, bearer, body);
  }

  private String state(String item) {
    return daemon.runtimes().get("ops").items().get(item).state().label();
  }

  @Test
  void aPingNeedsTheHeartbeatsOwnTokenNotTheApiToken() throws Exception {
    start();
    HttpResponse<String> none = ping("", null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(ping("", "wrong-token-123", null).statusCode()).isEqualTo(403);
    assertThat(ping("?token=wrong-token-123", null, null).statusCode()).isEqualTo(403);
    assertThat(ping("", API_TOKEN, null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/heartbeats/ops/no-such-probe", HB_TOKEN, null).statusCode()).isEqualTo(404);
    assertThat(daemon.runtimes().get("ops").lastResults().get("nightly-backup"))
        .satisfiesAnyOf(r -> assertThat(r).isNull(), r -> assertThat(r.observed()).doesNotContainKey("LAST_PING"));
    // the heartbeat token opens nothing else: other writes still need the API token
    assertThat(send("POST", "/api/plans/ops/items/BK-002/tick", HB_TOKEN, "{\"by\":\"eve\"}").statusCode())
        .isEqualTo(401);
    assertThat(send("POST", "/api/plans/ops/items/BK-002/tick", API_TOKEN, "{\"by\":\"ann\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void pingsOnTimeTickTheItemAndTheTokenNeverShows() throws Exception {
    start();
    HttpResponse<String> first = ping("", HB_TOKEN, "{\"status\":\"ok\",\"message\":\"dump 1.2 GB in 4m\"}");
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject answer = new JsonObject(first.body());
    assertThat(answer.getBoolean("success")).isTrue();
    assertThat(answer.getString("result")).isEqualTo("ok");
    assertThat(answer.getLong("pings")).isEqualTo(1L);
    assertThat(state("BK-001")).isEqualTo("passing");
    assertThat(send("POST", "/api/heartbeats/nightly-backup?token=" + HB_TOKEN, null, null).statusCode())
        .isEqualTo(200);
    assertThat(state("BK-001")).isEqualTo("done");
    assertThat(daemon.runtimes().get("ops").verdict().go()).isTrue();

    JsonObject detail = new JsonObject(send("GET", "/api/plans/ops/items/BK-001", null, null).body());
    JsonObject latest = detail.getJsonObject("item").getJsonArray("latest").getJsonObject(0);
    assertThat(latest.getJsonObject("observed").getString("STATUS")).isEqualTo("ok");
    assertThat(latest.getJsonObject("observed").getLong("PINGS")).isEqualTo(2L);
    JsonArray list = new JsonArray(send("GET", "/api/heartbeats", null, null).body());
    assertThat(list.getJsonObject(0).getString("url")).isEqualTo("/api/heartbeats/ops/nightly-backup");
    assertThat(list.getJsonObject(0).getJsonObject("lastPing").getString("status")).isEqualTo("ok");
    for (String path : List.of("/api/heartbeats", "/api/plans/ops/items/BK-001", "/api/plans/ops/probes",
        "/api/plans/ops/items", "/metrics")) {
      assertThat(send("GET", path, null, null).body()).as(path).doesNotContain(HB_TOKEN);
    }
    java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> lines;
    synchronized (logs) { // the appender adds under its own lock, from the daemon's threads
      lines = new java.util.ArrayList<>(logs.list);
    }
    assertThat(lines).as("log lines").isNotEmpty()
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(HB_TOKEN));
    assertThat(lines).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("BK-001"));
  }

  @Test
  void aPingReportingFailFailsTheProbeAtOnce() throws Exception {
    start();
    ping("", HB_TOKEN, null);
    ping("", HB_TOKEN, null);
    assertThat(state("BK-001")).isEqualTo("done");
    HttpResponse<String> failed = ping("?status=fail&message=pg_dump%3A%20disk%20full&token=" + HB_TOKEN, null, null);
    assertThat(failed.statusCode()).isEqualTo(200);
    JsonObject answer = new JsonObject(failed.body());
    assertThat(answer.getBoolean("success")).isFalse();
    assertThat(answer.getString("result")).matches("the ping at \\S+ reported fail: pg_dump: disk full");
    ProbeResult last = daemon.runtimes().get("ops").lastResults().get("nightly-backup");
    assertThat(last.success()).isFalse();
    assertThat(new JsonObject(ping("", HB_TOKEN, "{\"status\": 3}").body()).getBoolean("success")).isFalse();
    assertThat(state("BK-001")).isEqualTo("regressed");
    assertThat(ping("", HB_TOKEN, "{\"status\":\"maybe\"}").statusCode()).isEqualTo(400);
    assertThat(ping("", HB_TOKEN, "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void aRestartKeepsTheLastPing() throws Exception {
    start();
    JsonObject before = new JsonObject(ping("", HB_TOKEN, "{\"message\":\"nightly ok\"}").body());
    daemon.close();
    start();
    PlanRuntime ops = daemon.runtimes().get("ops");
    Promise<ProbeResult> run = Promise.promise();
    ops.context().runOnContext(v -> ops.run("nightly-backup").onComplete(run));
    ProbeResult after = run.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(after.success()).as(after.summary()).isTrue();
    assertThat(after.observed()).containsEntry("MESSAGE", "nightly ok").containsEntry("PINGS", 1L);
    assertThat(after.observed().get("LAST_PING")).isEqualTo(before.getString("received").replaceAll("\\.\\d+Z$", "Z"));
    JsonObject next = new JsonObject(ping("", HB_TOKEN, null).body());
    assertThat(next.getLong("pings")).isEqualTo(2L);
  }
}
