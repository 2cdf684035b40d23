package dev.golive.plans.debtfollowup;

import dev.golive.plans.StandIn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The debt follow-up module as its plan sees it: Hasura ({@code /v1/graphql}, {@code /v1/metadata}), the backend's
 * REST actions, Prometheus and the pre-release dumps. {@code broken}: Hasura metadata is inconsistent (GO-003) and a
 * Manager's direct GraphQL query on {@code debt_alert_log} leaks a row of another branch (GO-008).
 */
public final class DebtFollowupStandIn implements AutoCloseable {
  public static final String ADMIN_SECRET = "hasura-admin-secret-test";
  public static final String SALE = "sale-jwt-test";
  public static final String MANAGER = "manager-jwt-test";
  public static final String QA = "qa-jwt-test";
  public static final String PD_KEY = "pd-routing-key-test";

  private final boolean broken;
  private final Map<String, Double> metrics = StandIn.metrics();
  private final Set<String> rolledBack = ConcurrentHashMap.newKeySet();
  private final AtomicInteger logs = new AtomicInteger();
  private final StandIn server;
  private final Path backups;

  public DebtFollowupStandIn(boolean broken, Path dir) throws IOException {
    this.broken = broken;
    this.backups = Files.createDirectories(dir.resolve("backups"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(backups.resolve("debt-pre-release.sql.gz")))) {
      out.write("-- pg_dump of debt follow-up\n".getBytes(StandardCharsets.UTF_8));
    }
    metrics.put("time() - max(debt_alert_run_last_success_timestamp_seconds)", 3_600.0);
    metrics.put(p95("/api/debt/dashboard"), 0.8);
    metrics.put(p95("/api/debt/export"), 4.0);
    metrics.put("sum(increase(debt_alert_run_total{status=\"failed\"}[1h]))", 0.0);
    metrics.put("sum(rate(hasura_graphql_requests_total{code=\"permission-denied\"}[5m]))", 0.01);
    server = StandIn.start(this::routes, null);
  }

  static String p95(String route) {
    return "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{route=\"" + route
        + "\"}[5m])))";
  }

  /** The environment the plan needs: targets at this stand-in, test secrets. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("DEBT_HASURA_URL", server.url());
    env.put("DEBT_API_URL", server.url());
    env.put("DEBT_PROMETHEUS_URL", server.url());
    env.put("DEBT_BACKUP_GLOB", backups + "/*.sql.gz");
    env.put("DEBT_ALERTMANAGER_URL", "http://127.0.0.1:9");
    env.put("HASURA_ADMIN_SECRET", ADMIN_SECRET);
    env.put("DEBT_SALE_TOKEN", SALE);
    env.put("DEBT_MANAGER_TOKEN", MANAGER);
    env.put("DEBT_QA_TOKEN", QA);
    env.put("DEBT_PD_ROUTING_KEY", PD_KEY);
    return env;
  }

  /** Prometheus values by query; tests may change them (a spike after a deployment). */
  public Map<String, Double> metrics() {
    return metrics;
  }

  private void routes(Router r) {
    StandIn.prometheus(r, metrics);
    r.post("/v1/metadata").handler(this::metadata);
    r.post("/v1/graphql").handler(this::graphql);
    r.get("/api/debt-manager/tasks").handler(rc -> role(rc, Set.of(SALE, MANAGER)));
    r.post("/api/debt-manager/alert-config").handler(rc -> role(rc, Set.of(MANAGER)));
    r.get("/api/debt-statistical/summary").handler(rc -> role(rc, Set.of(MANAGER)));
  }

  private static void role(RoutingContext rc, Set<String> allowed) {
    String token = StandIn.bearer(rc);
    if (token == null) StandIn.json(rc, 401, new JsonObject().put("error", "unauthenticated"));
    else if (!allowed.contains(token)) StandIn.json(rc, 403, new JsonObject().put("error", "forbidden"));
    else StandIn.json(rc, 200, new JsonObject().put("items", new JsonArray()));
  }

  private void metadata(RoutingContext rc) {
    if (!ADMIN_SECRET.equals(rc.request().getHeader("X-Hasura-Admin-Secret"))) {
      StandIn.json(rc, 401, new JsonObject().put("error", "invalid x-hasura-admin-secret"));
      return;
    }
    String type = rc.body().asJsonObject().getString("type");
    if ("get_inconsistent_metadata".equals(type)) {
      JsonArray objects = new JsonArray();
      if (broken) objects.add(new JsonObject().put("type", "table").put("reason", "no such table: debt_alert_config"));
      StandIn.json(rc, 200, new JsonObject().put("is_consistent", !broken).put("inconsistent_objects", objects));
    } else if ("get_cron_triggers".equals(type)) {
      StandIn.json(rc, 200, new JsonObject().put("cron_triggers", new JsonArray().add(
          new JsonObject().put("name", "daily_debt_alert").put("schedule", "0 1 * * *"))));
    } else {
      StandIn.json(rc, 400, new JsonObject().put("error", "unknown type " + type));
    }
  }

  private void graphql(RoutingContext rc) {
    String token = StandIn.bearer(rc);
    String query = rc.body().asJsonObject().getString("query", "");
    if (token == null) {
      StandIn.json(rc, 200, error("access-denied", "missing authorization"));
    } else if (query.contains("national_id")) {
      StandIn.json(rc, 200, error("validation-failed", "field 'national_id' not found in type: 'customer'"));
    } else if (query.contains("handover_customer")) {
      String id = "L-" + logs.incrementAndGet();
      StandIn.json(rc, 200, data("handover_customer", new JsonObject().put("log_id", id)));
    } else if (query.contains("rollback_handover")) {
      String id = query.replaceAll(".*log_id: \"([^\"]*)\".*", "$1");
      if (rolledBack.add(id)) StandIn.json(rc, 200, data("rollback_handover", new JsonObject().put("status", "ROLLED_BACK")));
      else StandIn.json(rc, 200, error("conflict", "handover " + id + " was already rolled back"));
    } else if (query.contains("rows:")) {
      String table = query.replaceAll(".*rows: (\\w+).*", "$1");
      StandIn.json(rc, 200, new JsonObject().put("data", new JsonObject().put("rows", rows(token, table))));
    } else {
      StandIn.json(rc, 200, error("validation-failed", "unexpected query"));
    }
  }

  private JsonArray rows(String token, String table) {
    JsonArray rows = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      rows.add(new JsonObject().put("id", table + "-" + i).put("staff_id", "S-PENTEST-1")
          .put("branch_id", "B-PENTEST-1").put("tenant_id", "T-PENTEST"));
    }
    if (broken && MANAGER.equals(token) && table.equals("debt_alert_log")) {
      rows.add(new JsonObject().put("id", "debt_alert_log-99").put("staff_id", "S-OTHER")
          .put("branch_id", "B-OTHER-9").put("tenant_id", "T-PENTEST"));
    }
    return rows;
  }

  private static JsonObject data(String field, JsonObject value) {
    return new JsonObject().put("data", new JsonObject().put(field, value));
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
        .put("extensions", new JsonObject().put("code", code))));
  }

  @Override
  public void close() {
    server.close();
  }
}
