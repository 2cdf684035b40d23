package dev.golive.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.daemon.PlanRuntime;
import dev.golive.daemon.ScriptedPlan;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.store.JdbcStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiRoutesTest {
  private static final String TOKEN = "s3cret-write-token";
  @TempDir Path dir;
  private Vertx vertx;
  private JdbcStore store;
  private ScriptedPlan plan;
  private PlanRuntime runtime;
  private WebClient client;
  private int port;
  private Secrets secrets;

  private void start(String token) throws Exception {
    start(Access.writes(token));
  }

  private void start(Access access) throws Exception {
    vertx = Vertx.vertx();
    store = JdbcStore.embedded(dir);
    WorkerExecutor storeWorkers = vertx.createSharedWorkerExecutor("golive-store", 2);
    secrets = Secrets.of(Map.of("DB_PASSWORD", "hunter2-db-password"));
    secrets.resolve("${env:DB_PASSWORD}");
    ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking", 2), secrets);
    plan = new ScriptedPlan("shop");
    runtime = new PlanRuntime(plan.config, vertx.getOrCreateContext(), store, storeWorkers, env);
    await(runtime.restore());
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(ApiRoutes.router(vertx, Map.of("shop", runtime), store, storeWorkers, () -> "golive_plans 1\n",
            () -> true, access))
        .listen(0, "127.0.0.1"));
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) await(vertx.close());
    if (store != null) store.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return get(path, null);
  }

  private HttpResponse<Buffer> get(String path, String token) throws Exception {
    var req = client.get(port, "127.0.0.1", path);
    if (token != null) req.bearerTokenAuthentication(token);
    return await(req.send());
  }

  private HttpResponse<Buffer> post(String path, String token, JsonObject body) throws Exception {
    var req = client.post(port, "127.0.0.1", path);
    if (token != null) req.bearerTokenAuthentication(token);
    return await(req.sendJsonObject(body));
  }

  private void runProbeTwice() throws Exception {
    for (int i = 0; i < 2; i++) {
      io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
      runtime.context().runOnContext(v -> runtime.run("health").onComplete(ar -> done.complete()));
      await(done.future());
    }
  }

  @Test
  void withAReadTokenEveryReadNeedsItOrTheWriteTokenAndProbesOfLivenessStayOpen() throws Exception {
    String read = "r3ad-only-token";
    start(new Access(TOKEN, read));
    for (String path : new String[] {"/api/plans", "/api/plans/shop", "/api/plans/shop/items",
        "/api/plans/shop/items/rollback-plan", "/api/plans/shop/gates", "/api/plans/shop/checklist.md", "/metrics",
        "/api/heartbeats", "/api/nothing-here"}) {
      HttpResponse<Buffer> none = get(path);
      assertThat(none.statusCode()).as("%s without a token", path).isEqualTo(401);
      assertThat(none.getHeader("WWW-Authenticate")).as(path).startsWith("Bearer");
      assertThat(none.bodyAsString()).as("%s says nothing without the token", path).doesNotContain("shop")
          .doesNotContain("golive_plans");
      assertThat(get(path, "guess").statusCode()).as("%s with a wrong token", path).isEqualTo(401);
    }
    assertThat(get("/api/plans", read).bodyAsJsonArray().getJsonObject(0).getString("plan")).isEqualTo("shop");
    assertThat(get("/api/plans/shop/items", TOKEN).statusCode()).as("the write token reads too").isEqualTo(200);
    assertThat(get("/metrics", read).bodyAsString()).contains("golive_plans 1");
    assertThat(get("/api/plans/shop/checklist.md", read).statusCode()).isEqualTo(200);

    for (String open : new String[] {"/healthz", "/readyz", "/"}) {
      assertThat(get(open).statusCode()).as("%s stays open", open).isEqualTo(200);
    }
    JsonObject server = get("/api/server").bodyAsJsonObject();
    assertThat(server.getBoolean("readsNeedToken")).isTrue();
    assertThat(server.getBoolean("writes")).isTrue();
    assertThat(server.encode()).doesNotContain(read).doesNotContain(TOKEN);

    assertThat(post("/api/plans/shop/items/rollback-plan/tick", read, new JsonObject().put("by", "al")).statusCode())
        .as("the read token does not write").isEqualTo(401);
    assertThat(runtime.items().get("rollback-plan").state().label()).isEqualTo("manual");
  }

  @Test
  void withoutAReadTokenReadsAreOpenAndTheServerSaysWhetherItAcceptsWrites() throws Exception {
    start((String) null);
    assertThat(get("/api/plans/shop/items").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
    JsonObject server = get("/api/server").bodyAsJsonObject();
    assertThat(server.getBoolean("readsNeedToken")).isFalse();
    assertThat(server.getBoolean("writes")).as("read-only daemon: the page hides its Tick buttons").isFalse();
  }

  @Test
  void writesAreRefusedWhenNoTokenIsConfigured() throws Exception {
    start((String) null);
    HttpResponse<Buffer> r = post("/api/plans/shop/items/rollback-plan/tick", TOKEN, new JsonObject().put("by", "al"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("error")).contains("GOLIVE_API_TOKEN");
    assertThat(runtime.items().get("rollback-plan").state().label()).isEqualTo("manual");
  }

  @Test
  void writesNeedTheRightBearerToken() throws Exception {
    start(TOKEN);
    assertThat(post("/api/plans/shop/items/rollback-plan/tick", null, new JsonObject().put("by", "al")).statusCode())
        .isEqualTo(401);
    HttpResponse<Buffer> wrong = post("/api/plans/shop/items/rollback-plan/tick", "guess", new JsonObject());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void aPersonTicksAnItemWithoutProbesAndTheEvidenceSaysWhoAndWhy() throws Exception {
    start(TOKEN);
    HttpResponse<Buffer> r = post("/api/plans/shop/items/rollback-plan/tick", TOKEN,
        new JsonObject().put("by", "alice").put("note", "reviewed in the go/no-go"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo("done");
    JsonObject detail = get("/api/plans/shop/items/rollback-plan").bodyAsJsonObject();
    JsonObject evidence = detail.getJsonArray("evidence").getJsonObject(0);
    assertThat(evidence.getString("actor")).isEqualTo("alice");
    assertThat(evidence.getString("note")).isEqualTo("reviewed in the go/no-go");
    assertThat(evidence.getString("to")).isEqualToIgnoringCase("done");
  }

  @Test
  void aTickWithoutAPersonIsABadRequest() throws Exception {
    start(TOKEN);
    HttpResponse<Buffer> r = post("/api/plans/shop/items/rollback-plan/tick", TOKEN, new JsonObject());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).contains("\"by\"");
  }

  @Test
  void itemsTickedByProbesCannotBeTickedByHand() throws Exception {
    start(TOKEN);
    HttpResponse<Buffer> r = post("/api/plans/shop/items/GO-001/tick", TOKEN, new JsonObject().put("by", "bob"));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("error")).contains("ticked by probes");
  }

  @Test
  void probesTickItemsAndGatesFollow() throws Exception {
    start(TOKEN);
    runProbeTwice();
    JsonArray items = get("/api/plans/shop/items").bodyAsJsonArray();
    assertThat(items.getJsonObject(0).getString("state")).isEqualTo("done");
    assertThat(items.getJsonObject(0).getJsonArray("latest").getJsonObject(0).getJsonArray("conditions")
        .getJsonObject(0).getString("explanation")).isEqualTo("[STATUS] (200) == 200");
    JsonObject gates = get("/api/plans/shop/gates").bodyAsJsonObject();
    assertThat(gates.getBoolean("go")).isFalse();
    assertThat(gates.getJsonArray("gates").getJsonObject(0).getJsonArray("blocking").getList())
        .containsExactly("rollback-plan (manual)");
    post("/api/plans/shop/items/rollback-plan/tick", TOKEN, new JsonObject().put("by", "alice"));
    assertThat(get("/api/plans/shop").bodyAsJsonObject().getBoolean("go")).isTrue();
  }

  @Test
  void aClaimedItemWhoseProbeFailsIsContradicted() throws Exception {
    start(TOKEN);
    plan.next.set(503);
    runProbeTwice();
    assertThat(get("/api/plans/shop/items/GO-002").bodyAsJsonObject().getJsonObject("item").getString("state"))
        .isEqualTo("contradicted");
    assertThat(get("/api/plans/shop/items/GO-001").bodyAsJsonObject().getJsonObject("item").getString("state"))
        .isEqualTo("failing");
  }

  @Test
  void secretsInProbeErrorsNeverReachTheApi() throws Exception {
    start(TOKEN);
    plan.next.set("login failed for password hunter2-db-password");
    runProbeTwice();
    String body = get("/api/plans/shop/probes").bodyAsString() + get("/api/plans/shop/items/GO-001").bodyAsString();
    assertThat(body).contains("login failed for password ****").doesNotContain("hunter2-db-password");
  }

  @Test
  void unknownPlansAndItemsAre404WithAReason() throws Exception {
    start(TOKEN);
    HttpResponse<Buffer> plan404 = get("/api/plans/nope");
    assertThat(plan404.statusCode()).isEqualTo(404);
    assertThat(plan404.bodyAsJsonObject().getString("error")).contains("no plan 'nope'").contains("shop");
    assertThat(get("/api/plans/shop/items/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void servesHealthReadinessMetricsAndTheStatusPage() throws Exception {
    start(TOKEN);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").bodyAsString()).contains("golive_plans 1");
    HttpResponse<Buffer> page = get("/");
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("/api/plans");
  }
}
