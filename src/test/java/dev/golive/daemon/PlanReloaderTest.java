package dev.golive.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing a plan under a running daemon: a valid change is live without a restart and without losing state (items keep
 * their state and evidence, unchanged probes their schedule and last result); an invalid one leaves the running plan
 * as it was and is reported (log, {@code GET /api/reload}, {@code golive_config_last_reload_successful}).
 */
class PlanReloaderTest {
  private static final String TOKEN = "reload-test-token";
  private static final Path FIXTURE = Path.of("src/test/resources/PlanReloaderTest/shop");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private Path plan;
  private HttpServer target;
  private Daemon daemon;
  private PlanReloader reloader;

  @BeforeEach
  void start() throws Exception {
    plan = Files.createDirectories(dir.resolve("plans/shop"));
    for (String f : List.of("golive.yaml", "checklist.md")) Files.copy(FIXTURE.resolve(f), plan.resolve(f));
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", ex -> {
      byte[] b = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    target.start();
    Secrets secrets = Secrets.of(Map.of("SHOP_URL", "http://127.0.0.1:" + target.getAddress().getPort()));
    List<Path> paths = List.of(dir.resolve("plans"));
    daemon = Daemon.start(PlanLoader.loadAll(PlanLoader.planDirectories(paths), secrets),
        DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("data"), TOKEN), secrets);
    reloader = PlanReloader.start(daemon, paths, secrets, daemon.registry());
  }

  @AfterEach
  void stop() {
    if (daemon != null) daemon.close();
    if (target != null) target.stop(0);
  }

  @Test
  void aValidEditIsLiveWithoutARestartAndKeepsStateEvidenceAndSchedule() throws Exception {
    PlanRuntime before = daemon.runtimes().get("shop");
    await("GO-001 done", () -> { // runs it now and then (the scheduler runs it too: a run may find it running)
      try {
        run(before, "health");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return state("GO-001").equals("done") ? true : null;
    });
    Date nextHealth = daemon.scheduler().nextRun("shop", "health");
    assertThat(nextHealth).isNotNull();

    // a second probe, and the first one untouched (moved down a line, which changes nothing about it)
    Files.writeString(plan.resolve("golive.yaml"), Files.readString(plan.resolve("golive.yaml"))
        .replace("probes:\n", "probes:\n  - id: orders\n    http: { url: \"${var:SHOP_URL}/orders\" }\n"
            + "    ticks: [GO-002]\n"));
    PlanRuntime after = await("the edited plan to be live", () -> {
      PlanRuntime r = daemon.runtimes().get("shop");
      return r != before ? r : null;
    });
    assertThat(after.probes()).containsKeys("health", "orders");
    assertThat(state("GO-001")).as("items keep their state").isEqualTo("done");
    assertThat(after.lastResults()).as("the unchanged probe keeps its last result").containsKey("health");
    assertThat(daemon.scheduler().nextRun("shop", "health")).as("and its schedule").isEqualTo(nextHealth);
    assertThat(daemon.scheduler().nextRun("shop", "orders")).as("the new probe is scheduled").isNotNull();
    assertThat(get("/api/plans/shop/items/GO-001").body()).as("items keep their evidence")
        .containsIgnoringCase("\"to\":\"done\"").contains("health");
    run(after, "orders"); // or the scheduler's first run of it, if that is still going
    await("a result of the new probe", () -> after.lastResults().get("orders"));
    assertThat(get("/metrics").body()).contains("golive_config_last_reload_successful 1.0")
        .contains("golive_probe_success{kind=\"http\",plan=\"shop\",probe=\"orders\"}");
    assertThat(reloader.last().reloaded()).containsExactly("shop");
  }

  @Test
  void anInvalidEditKeepsTheRunningPlanAndIsReportedUntilFixed() throws Exception {
    PlanRuntime running = daemon.runtimes().get("shop");
    String good = Files.readString(plan.resolve("golive.yaml"));
    Files.writeString(plan.resolve("golive.yaml"), good.replace("timeout: 2s", "timeout: 2s, intervall: 5s"));
    PlanReloader.Outcome refused = await("the refused reload", () -> {
      PlanReloader.Outcome o = reloader.last();
      return o != null && !o.successful() ? o : null;
    });
    assertThat(refused.problems()).hasSize(1);
    assertThat(refused.problems().get(0)).matches(".*shop/golive\\.yaml:3:\\d+: unknown key 'intervall'.*");
    assertThat(daemon.runtimes().get("shop")).as("the last good plan keeps running").isSameAs(running);
    assertThat(get("/metrics").body()).contains("golive_config_last_reload_successful 0.0");
    HttpResponse<String> api = get("/api/reload");
    assertThat(api.body()).contains("\"successful\":false").contains("unknown key 'intervall'");
    Thread.sleep(PlanReloader.POLL_MS * 2); // two more polls: the same broken file is not reported again
    assertThat(reloader.last()).isSameAs(refused);

    Files.writeString(plan.resolve("golive.yaml"), good.replace("timeout: 2s", "timeout: 3s"));
    await("the fixed plan", () -> reloader.last().successful() ? reloader.last() : null);
    assertThat(daemon.runtimes().get("shop").plan().defaults().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(get("/metrics").body()).contains("golive_config_last_reload_successful 1.0");
  }

  @Test
  void reloadOnRequestNeedsTheWriteToken() throws Exception {
    assertThat(post("/-/reload", null).statusCode()).isEqualTo(401);
    HttpResponse<String> ok = post("/-/reload", TOKEN);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"successful\":true").contains("\"reloaded\":[\"shop\"]");
  }

  private void run(PlanRuntime r, String probe) throws Exception {
    Promise<Void> done = Promise.promise();
    r.context().runOnContext(v -> r.run(probe).onComplete(ar -> done.complete()));
    done.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private String state(String item) {
    return daemon.runtimes().get("shop").items().get(item).state().label();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(String what, Supplier<T> read) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      T v = read.get();
      if (v != null) return v;
      Thread.sleep(100);
    }
    throw new AssertionError("gave up waiting for " + what);
  }
}
