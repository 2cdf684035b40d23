package dev.golive.plans.alawaelerp;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * ALAWAEL's monitoring stack on one loopback port, answering the parts of four APIs the plan reads: Prometheus
 * ({@code /api/v1/query}: the first registered fragment the query contains gives the value, none gives an empty
 * vector; {@code /api/v1/rules?rule_name[]=X}), Alertmanager ({@code /api/v2/receivers}), Grafana
 * ({@code /api/dashboards/uid/U}, bearer required) and Elasticsearch (cluster health, indices, ILM policy). Values
 * may be changed at any time from any thread.
 */
final class OpsStack implements AutoCloseable {
  static final String GRAFANA_TOKEN = "grafana-standin-token";

  /** Query fragment → value (insertion order decides when several match). */
  final Map<String, Double> series = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  /** Alert rule name → PromQL expression. */
  final Map<String, String> rules = new ConcurrentHashMap<>();
  /** Dashboard uids that exist. */
  final java.util.Set<String> dashboards = ConcurrentHashMap.newKeySet();
  /** Index name → present. */
  final java.util.Set<String> indices = ConcurrentHashMap.newKeySet();

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  OpsStack() throws Exception {
    Router r = Router.router(vertx);
    r.get("/api/v1/query").handler(this::query);
    r.get("/api/v1/rules").handler(this::rules);
    r.get("/api/v2/receivers").handler(rc -> json(rc, 200, new JsonArray().add(new JsonObject().put("name", "oncall"))
        .add(new JsonObject().put("name", "ops-email"))));
    r.get("/api/dashboards/uid/:uid").handler(this::dashboard);
    r.get("/_cluster/health").handler(rc -> json(rc, 200, new JsonObject().put("status", "green")));
    r.get("/_cat/indices/:pattern").handler(this::indices);
    r.get("/_ilm/policy/alawael-logs").handler(rc -> json(rc, 200, new JsonObject().put("alawael-logs",
        new JsonObject().put("policy", new JsonObject().put("phases", new JsonObject()
            .put("hot", new JsonObject().put("actions", new JsonObject().put("rollover",
                new JsonObject().put("max_age", "1d"))))
            .put("delete", new JsonObject().put("min_age", "90d")))))));
    server = vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void query(RoutingContext rc) {
    String q = rc.request().getParam("query", "");
    Double value = null;
    synchronized (series) {
      for (var e : series.entrySet()) {
        if (q.contains(e.getKey())) {
          value = e.getValue();
          break;
        }
      }
    }
    JsonArray result = new JsonArray();
    if (value != null) {
      result.add(new JsonObject().put("metric", new JsonObject().put("job", "alawael-erp"))
          .put("value", new JsonArray().add(System.currentTimeMillis() / 1000.0).add(String.valueOf(value))));
    }
    json(rc, 200, new JsonObject().put("status", "success")
        .put("data", new JsonObject().put("resultType", "vector").put("result", result)));
  }

  private void rules(RoutingContext rc) {
    String name = rc.request().getParam("rule_name[]");
    JsonArray groups = new JsonArray();
    String expr = name == null ? null : rules.get(name);
    if (expr != null) {
      groups.add(new JsonObject().put("name", "alawael-erp").put("rules", new JsonArray().add(new JsonObject()
          .put("name", name).put("query", expr).put("type", "alerting").put("health", "ok"))));
    }
    json(rc, 200, new JsonObject().put("status", "success").put("data", new JsonObject().put("groups", groups)));
  }

  private void dashboard(RoutingContext rc) {
    if (!("Bearer " + GRAFANA_TOKEN).equals(rc.request().getHeader("Authorization"))) {
      json(rc, 401, new JsonObject().put("message", "Unauthorized"));
    } else if (!dashboards.contains(rc.pathParam("uid"))) {
      json(rc, 404, new JsonObject().put("message", "Dashboard not found"));
    } else {
      json(rc, 200, new JsonObject().put("dashboard", new JsonObject().put("uid", rc.pathParam("uid"))
          .put("panels", new JsonArray().add(new JsonObject().put("title", "Requests")))));
    }
  }

  private void indices(RoutingContext rc) {
    String prefix = rc.pathParam("pattern").replace("*", "");
    JsonArray out = new JsonArray();
    indices.stream().filter(i -> i.startsWith(prefix)).sorted()
        .forEach(i -> out.add(new JsonObject().put("index", i).put("health", "green")));
    json(rc, 200, out);
  }

  private static void json(RoutingContext rc, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode();
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
