package dev.golive.rollout;

import static dev.golive.rollout.ValuePlan.trigger;
import static dev.golive.rollout.ValuePlan.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.http.ApiRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutRoutesTest {
  private static final String TOKEN = "deploy-write-token";
  @TempDir Path dir;
  private Harness h;
  private ValuePlan plan;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() throws Exception {
    plan = new ValuePlan("shop", List.of(window("first-30m", Duration.ofMinutes(30), "GO-001"),
        new dev.golive.config.WindowConfig("first-24h", Duration.ofMinutes(30), Duration.ofHours(24), List.of())),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 2, "inconclusive", false, null)), null);
    h = new Harness(dir, plan.config, Clock.systemUTC());
    Router router = ApiRoutes.router(h.vertx, Map.of("shop", h.runtime), h.store, h.storeWorkers, () -> "", () -> true,
        dev.golive.http.Access.writes(TOKEN));
    RolloutRoutes.mount(router, Map.of("shop", h.rollout));
    HttpServer server = Harness.await(h.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();
    client = WebClient.create(h.vertx);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return Harness.await(client.get(port, "127.0.0.1", path).send());
  }

  private HttpResponse<Buffer> deploy(String token, JsonObject body) throws Exception {
    var req = client.post(port, "127.0.0.1", "/api/plans/shop/deployments");
    if (token != null) req.bearerTokenAuthentication(token);
    return Harness.await(req.sendJsonObject(body));
  }

  @Test
  void markingADeploymentNeedsTheToken() throws Exception {
    assertThat(deploy(null, new JsonObject().put("version", "1.4.3")).statusCode()).isEqualTo(401);
    assertThat(deploy("guess", new JsonObject().put("version", "1.4.3")).statusCode()).isEqualTo(401);
    assertThat(h.rollout.current()).isNull();
    assertThat(get("/api/plans/shop/deployments/current").statusCode()).isEqualTo(404);
  }

  @Test
  void aNewVersionIs201TheSameVersionIs200WithTheSameDeployment() throws Exception {
    HttpResponse<Buffer> created = deploy(TOKEN, new JsonObject().put("version", "1.4.3").put("note", "CHG-42"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(created.bodyAsJsonObject().getString("note")).isEqualTo("CHG-42");
    HttpResponse<Buffer> again = deploy(TOKEN, new JsonObject().put("version", "1.4.3"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(deploy(TOKEN, new JsonObject().put("version", "1.4.4")).statusCode()).isEqualTo(201);
    JsonArray list = get("/api/plans/shop/deployments").bodyAsJsonArray();
    assertThat(list.stream().map(o -> ((JsonObject) o).getString("version")).toList()).containsExactly("1.4.4", "1.4.3");
    assertThat(list.getJsonObject(1).getString("supersededAt")).isNotNull();
    assertThat(list.getJsonObject(0).getBoolean("current")).isTrue();
  }

  @Test
  void aBadBodyIs400() throws Exception {
    assertThat(deploy(TOKEN, new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(deploy(TOKEN, new JsonObject().put("version", " ")).statusCode()).isEqualTo(400);
    assertThat(Harness.await(client.post(port, "127.0.0.1", "/api/plans/nope/deployments").bearerTokenAuthentication(
        TOKEN).sendJsonObject(new JsonObject().put("version", "1"))).statusCode()).isEqualTo(404);
  }

  @Test
  void theCurrentDeploymentShowsWindowsHoldItemsAndTriggers() throws Exception {
    deploy(TOKEN, new JsonObject().put("version", "1.4.3"));
    plan.value.set(0.5);
    h.run("errors", 2);
    JsonObject current = get("/api/plans/shop/deployments/current").bodyAsJsonObject();
    assertThat(current.getString("version")).isEqualTo("1.4.3");
    JsonObject first = current.getJsonArray("windows").getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("first-30m");
    assertThat(first.getString("state")).isEqualTo("open");
    assertThat(first.getString("until")).isEqualTo("30m");
    assertThat(first.getJsonArray("hold").getJsonObject(0).getString("item")).isEqualTo("GO-001");
    assertThat(first.getJsonArray("hold").getJsonObject(0).getString("outcome")).isEqualTo("holding");
    assertThat(current.getJsonArray("windows").getJsonObject(1).getString("state")).isEqualTo("pending");
    JsonObject t = current.getJsonArray("triggers").getJsonObject(0);
    assertThat(t.getString("state")).isEqualTo("firing");
    assertThat(t.getInteger("consecutive")).isEqualTo(2);
    String evidence = t.getString("evidenceUrl");
    JsonObject detail = get(evidence).bodyAsJsonObject();
    assertThat(detail.getString("state")).isEqualTo("firing");
    assertThat(detail.getString("threshold")).isEqualTo("[VALUE] > 0.05");
    JsonArray changes = detail.getJsonArray("changes");
    assertThat(changes.getJsonObject(0).getString("to")).isEqualTo("firing");
    assertThat(changes.getJsonObject(0).getString("observed")).contains("0.5");
    assertThat(changes.getJsonObject(0).getString("window")).isEqualTo("first-30m");
    assertThat(get("/api/plans/shop/deployments/" + current.getString("id")).bodyAsJsonObject().getString("version"))
        .isEqualTo("1.4.3");
    assertThat(get("/api/plans/shop/deployments/nope/triggers/error-rate").statusCode()).isEqualTo(404);
    assertThat(get("/api/plans/shop/deployments/" + current.getString("id") + "/triggers/nope").statusCode())
        .isEqualTo(404);
  }
}
