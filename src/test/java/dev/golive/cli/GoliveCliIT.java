package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.PlanLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as users run it: validate, check, run; restarts after SIGKILL; startup failures. */
class GoliveCliIT {
  private static final String SHOP_TOKEN = "shop-orders-token-7f3a";
  private static final String API_TOKEN = "api-write-token-91c2";
  @TempDir Path work;
  private Vertx vertx;
  private HttpServer shop;
  private final AtomicInteger healthStatus = new AtomicInteger(200);

  @BeforeEach
  void startShop() throws Exception {
    vertx = Vertx.vertx();
    shop = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/health" -> req.response().setStatusCode(healthStatus.get()).putHeader("Content-Type", "application/json")
            .end(healthStatus.get() == 200 ? "{\"status\":\"ok\"}" : "{\"status\":\"down\"}");
        case "/orders" -> req.response().setStatusCode(("Bearer " + SHOP_TOKEN).equals(req.getHeader("Authorization"))
            ? 200 : 401).end("[]");
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    copyFixtures();
  }

  @AfterEach
  void stopShop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private void copyFixtures() throws Exception {
    Path source = Path.of("src/test/resources/GoliveCliIT");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = work.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
  }

  private Map<String, String> env() {
    return Map.of("SHOP_URL", "http://127.0.0.1:" + shop.actualPort(), "SHOP_TOKEN", SHOP_TOKEN,
        "GOLIVE_API_TOKEN", API_TOKEN);
  }

  private GoliveProcess run(int port) throws Exception {
    return GoliveProcess.start(work, env(), port, "run", "shop", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--data", "state");
  }

  private static JsonObject item(String itemsJson, String id) {
    JsonArray items = new JsonArray(itemsJson);
    for (int i = 0; i < items.size(); i++) {
      if (items.getJsonObject(i).getString("id").equals(id)) return items.getJsonObject(i);
    }
    throw new AssertionError("no item " + id + " in " + itemsJson);
  }

  private static boolean state(String itemsJson, String id, String state) {
    return item(itemsJson, id).getString("state").equals(state);
  }

  @Test
  void validateListsEveryProblemAsFileLineColAndExits2() throws Exception {
    GoliveProcess.Result r = GoliveProcess.run(work, Map.of(), "validate", "broken");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("broken/golive.yaml:3:23: defaults.interval: bad duration '30 seconds'")
        .contains("broken/golive.yaml:6:47: unknown key 'methd' in 'probes[0].http', did you mean 'method'?")
        .contains("broken/golive.yaml:7:28: condition \"[STATUS] = 200\": use '==' to compare, not '='")
        .contains("broken/golive.yaml:8:13: probes[0].ticks[0]: 'GO-404' matches no item of checklist.md; closest: "
            + "GO-002")
        .contains("broken/golive.yaml:11:13: probes[1].ticks[0]: 'o' matches 3 items of checklist.md")
        .contains("broken/golive.yaml:13:29: gates[0].required: expected true or false, got 'maybe'")
        .contains("6 problems")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validateSaysWhatIsFineAndExits0() throws Exception {
    GoliveProcess.Result r = GoliveProcess.run(work, env(), "validate", "shop");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("ok: plan shop: 3 items (2 ticked by probes), 2 probes, 2 gates");
  }

  @Test
  void validateWithoutSecretsPassesThisRepositorysPlansWhereStrictValidateFails() throws Exception {
    Path plans = Path.of("probes").toAbsolutePath();
    assertThat(PlanLoader.planDirectories(java.util.List.of(plans))).hasSize(6);
    GoliveProcess.Result strict = GoliveProcess.run(work, Map.of(), "validate", plans.toString());
    assertThat(strict.exitCode()).as(strict.output()).isEqualTo(2);
    assertThat(strict.output()).contains("environment variable PAYMENTS_DB_PASSWORD is not set")
        .contains("tls.ca-file: environment variable DEMO_CA_FILE is not set")
        .as("an unset variable is one problem, not also a missing file named after the reference")
        .doesNotContain("file not found");

    GoliveProcess.Result lenient = GoliveProcess.run(work, Map.of(), "validate", "--without-secrets", plans.toString());
    assertThat(lenient.exitCode()).as(lenient.output()).isZero();
    assertThat(lenient.output().lines().filter(l -> l.startsWith("ok: plan "))).hasSize(6);
    String last = lenient.output().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches("not checked: \\d+ secret references \\(env: .*\\)")
        .contains("DEMO_CA_FILE, ").contains("PAYMENTS_DB_PASSWORD, ").contains("META_APP_SECRET, ");
    assertThat(lenient.output()).doesNotContain("not set").doesNotContain("file not found")
        .doesNotContain("problem");
  }

  @Test
  void validateWithoutSecretsStillReportsEveryOtherProblem() throws Exception {
    GoliveProcess.Result r = GoliveProcess.run(work, Map.of(), "validate", "--without-secrets", "broken");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("broken/golive.yaml:3:23: defaults.interval: bad duration '30 seconds'")
        .contains("broken/golive.yaml:13:29: gates[0].required: expected true or false, got 'maybe'")
        .contains("6 problems")
        .contains("not checked: 0 secret references");
  }

  @Test
  void unknownOptionsAreBadInput() throws Exception {
    GoliveProcess.Result r = GoliveProcess.run(work, env(), "run", "--prot", "8080");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("Unknown option: '--prot'").doesNotContain("\tat ");
  }

  @Test
  void checkExitsZeroOnGoAndWritesJunit() throws Exception {
    GoliveProcess.Result r = GoliveProcess.run(work, env(), "check", "shop", "--junit", "reports/golive.xml");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("shop: GO").contains("done          GO-001");
    String xml = Files.readString(work.resolve("reports/golive.xml"));
    assertThat(xml).contains("<testsuite name=\"shop\" tests=\"4\" failures=\"1\"")
        .contains("name=\"operations\"").doesNotContain(SHOP_TOKEN);
  }

  @Test
  void checkExitsOneOnNoGoAndExplainsWhy() throws Exception {
    healthStatus.set(503);
    GoliveProcess.Result r = GoliveProcess.run(work, env(), "check", "shop", "--junit", "golive.xml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("shop: NO-GO").contains("[STATUS] (503) == 200");
    assertThat(Files.readString(work.resolve("golive.xml"))).contains("<failure message=\"failing: health: [STATUS] (503)");
  }

  @Test
  void itemsTickAndEverythingSurvivesKill9() throws Exception {
    int port = GoliveProcess.freePort();
    String doneSince;
    try (GoliveProcess golive = run(port)) {
      String items = golive.await("/api/plans/shop/items",
          b -> state(b, "GO-001", "done") && state(b, "GO-002", "done"));
      doneSince = item(items, "GO-001").getString("since");
      assertThat(golive.post("/api/plans/shop/items/operations-rollback-plan-documented/tick", API_TOKEN,
          "{\"by\":\"alice\",\"note\":\"rehearsed on staging\"}").statusCode()).isEqualTo(200);
      String metrics = golive.await("/metrics", b -> b.contains("golive_plan_go{plan=\"shop\"} 1.0"));
      assertThat(golive.get("/api/plans/shop/probes").body()).contains("\"id\":\"orders\"").doesNotContain(SHOP_TOKEN);
      assertThat(metrics).contains("golive_item_state{item=\"GO-001\",plan=\"shop\",state=\"done\"} 1.0")
          .contains("golive_probe_success{").containsPattern("golive_build_info\\{version=\"[^\"]+\"} 1");
      golive.kill9();
      assertThat(golive.output()).contains("shop GO-001: passing -> done").doesNotContain(SHOP_TOKEN)
          .doesNotContain(API_TOKEN);
      assertThat(metrics).doesNotContain(SHOP_TOKEN);
    }
    try (GoliveProcess again = run(port)) {
      String items = again.await("/api/plans/shop/items", b -> true);
      assertThat(item(items, "GO-001").getString("state")).isEqualTo("done");
      assertThat(item(items, "GO-001").getString("since")).as("restored, not re-ticked").isEqualTo(doneSince);
      assertThat(item(items, "operations-rollback-plan-documented").getString("state")).isEqualTo("done");
      String evidence = again.get("/api/plans/shop/items/operations-rollback-plan-documented").body();
      assertThat(evidence).contains("\"actor\":\"alice\"").contains("rehearsed on staging");
    }
  }

  @Test
  void aTakenPortIsOneClearLineAndExit1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      GoliveProcess.Result r = GoliveProcess.run(work, env(), "run", "shop", "--host", "127.0.0.1", "--port",
          String.valueOf(taken.getLocalPort()), "--data", "state");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.output()).containsPattern("golive: cannot start: listening on 127.0.0.1:\\d+ failed: .*")
          .doesNotContain("\tat ");
    }
  }
}
