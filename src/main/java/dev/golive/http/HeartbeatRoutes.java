package dev.golive.http;

import dev.golive.config.Durations;
import dev.golive.config.ProbeConfig;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.heartbeat.HeartbeatSpec;
import dev.golive.probe.heartbeat.HeartbeatStore;
import dev.golive.probe.heartbeat.Ping;
import dev.golive.store.JdbcStore;
import dev.golive.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pings from cron jobs: {@code POST /api/heartbeats/{plan}/{probe-id}}, or {@code POST /api/heartbeats/{probe-id}}
 * when that id names a heartbeat in one plan only. A ping is authenticated by the heartbeat's own token
 * ({@code Authorization: Bearer} or {@code ?token=}), not the API write token, so these routes are mounted before the
 * API's bearer check and end every request themselves. A ping is stored (on the {@code golive-store} pool), then the
 * probe is evaluated at once and the response says how it judged. {@code GET /api/heartbeats} lists them (open, like
 * every read; never the token).
 */
final class HeartbeatRoutes {
  private static final int MAX_BODY = 4 * 1024;
  private static final int RETRIES = 20;

  private final Map<String, PlanRuntime> plans;
  private final WorkerExecutor storeWorkers;
  private final HeartbeatStore store;

  private HeartbeatRoutes(Map<String, PlanRuntime> plans, WorkerExecutor storeWorkers, HeartbeatStore store) {
    this.plans = plans;
    this.storeWorkers = storeWorkers;
    this.store = store;
  }

  /** A heartbeat probe of a plan. */
  private record Target(PlanRuntime runtime, ProbeConfig probe, HeartbeatSpec spec) {}

  /** Mounts the routes and binds every heartbeat's log to the store, so a restart keeps the last ping. */
  static void mount(Router r, Map<String, PlanRuntime> plans, Store store, WorkerExecutor storeWorkers) {
    HeartbeatStore pings = store instanceof JdbcStore j ? new HeartbeatStore(j.dataSource()) : null;
    HeartbeatRoutes routes = new HeartbeatRoutes(plans, storeWorkers, pings);
    for (Target t : routes.targets()) {
      if (pings != null) {
        String plan = t.runtime().name();
        String id = t.probe().id();
        t.spec().log().bind(() -> storeWorkers.executeBlocking(() -> pings.last(plan, id), false));
      } else {
        t.spec().log().bind(null);
      }
    }
    r.get("/api/heartbeats").handler(routes::list);
    r.post("/api/heartbeats/:plan/:probe").handler(BodyHandler.create().setBodyLimit(MAX_BODY))
        .handler(ctx -> routes.ping(ctx, ctx.pathParam("plan"), ctx.pathParam("probe")));
    r.post("/api/heartbeats/:probe").handler(BodyHandler.create().setBodyLimit(MAX_BODY))
        .handler(ctx -> routes.ping(ctx, null, ctx.pathParam("probe")));
  }

  private List<Target> targets() {
    List<Target> out = new ArrayList<>();
    for (PlanRuntime p : plans.values()) {
      for (ProbeConfig c : p.plan().probes()) {
        if (c.spec() instanceof HeartbeatSpec s) out.add(new Target(p, c, s));
      }
    }
    return out;
  }

  private Optional<Target> find(RoutingContext ctx, String plan, String probe) {
    List<Target> matches = targets().stream()
        .filter(t -> (plan == null || t.runtime().name().equals(plan)) && t.probe().id().equals(probe)).toList();
    if (matches.size() == 1) return Optional.of(matches.get(0));
    if (matches.isEmpty()) {
      ApiRoutes.error(ctx, 404, "no heartbeat '" + probe + "'" + (plan == null ? "" : " in plan " + plan));
    } else {
      ApiRoutes.error(ctx, 409, "heartbeat '" + probe + "' exists in several plans; use /api/heartbeats/{plan}/"
          + probe);
    }
    return Optional.empty();
  }

  private void ping(RoutingContext ctx, String plan, String probe) {
    Optional<Target> found = find(ctx, plan, probe);
    if (found.isEmpty()) return;
    Target t = found.get();
    String presented = presentedToken(ctx);
    if (presented.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"golive heartbeat\"");
      ApiRoutes.error(ctx, 401, "a heartbeat token is required (Authorization: Bearer or ?token=)");
      return;
    }
    if (!MessageDigest.isEqual(t.spec().token().getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8))) {
      ApiRoutes.error(ctx, 403, "the token is not valid for heartbeat " + t.runtime().name() + "/" + t.probe().id());
      return;
    }
    JsonObject body;
    try {
      body = ctx.body() == null || ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      ApiRoutes.error(ctx, 400, "the body must be empty or a JSON object like {\"status\": \"ok\", \"message\": \"...\"}");
      return;
    }
    String statusText = firstOf(ctx.queryParams().get("status"), body.getValue("status"));
    Boolean ok = status(statusText);
    if (ok == null) {
      ApiRoutes.error(ctx, 400, "status must be ok, fail or an exit code, got '" + Ping.boundForError(statusText)
          + "'");
      return;
    }
    String message = firstOf(ctx.queryParams().get("message"), body.getValue("message"));
    Instant at = Instant.now();
    String planName = t.runtime().name();
    String id = t.probe().id();
    Future<Ping> stored = store == null
        ? Future.succeededFuture(new Ping(at, ok, message, 1))
        : storeWorkers.executeBlocking(() -> store.record(planName, id, at, ok, message), false);
    stored.compose(p -> {
      t.spec().log().offer(p);
      return evaluate(t.runtime(), id, RETRIES).map(r -> response(t, p, r));
    }).onSuccess(json -> ApiRoutes.json(ctx, 200, json))
        .onFailure(e -> ApiRoutes.error(ctx, 503, "ping not recorded: " + e.getMessage()));
  }

  private static Map<String, Object> response(Target t, Ping p, ProbeResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plan", t.runtime().name());
    out.put("probe", t.probe().id());
    out.put("received", p.at());
    out.put("status", p.status());
    out.put("pings", p.count());
    out.put("success", r != null && r.success());
    out.put("result", r == null ? "evaluated at the next scheduled run" : r.summary());
    out.put("nextDueBy", p.at().plus(t.spec().deadline()));
    return out;
  }

  /** Runs the probe now on its plan's context; waits briefly when a scheduled run is in flight. */
  private static Future<ProbeResult> evaluate(PlanRuntime runtime, String probeId, int retries) {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run(probeId).onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else if (retries > 0) {
        runtime.context().owner().setTimer(50, id -> evaluate(runtime, probeId, retries - 1).onComplete(done));
      } else {
        done.complete(null);
      }
    }));
    return done.future();
  }

  private void list(RoutingContext ctx) {
    List<Target> all = targets();
    List<Future<Optional<Ping>>> latest = all.stream().map(t -> t.spec().log().latest()).toList();
    Future.join(latest).onComplete(ar -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Target t = all.get(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", t.runtime().name());
        m.put("probe", t.probe().id());
        m.put("url", "/api/heartbeats/" + t.runtime().name() + "/" + t.probe().id());
        m.put("period", Durations.format(t.spec().period()));
        m.put("grace", Durations.format(t.spec().grace()));
        Future<Optional<Ping>> f = latest.get(i);
        Ping p = f.succeeded() ? f.result().orElse(null) : null;
        m.put("lastPing", p == null ? null : Map.of("at", p.at(), "status", p.status(), "message", p.message(),
            "pings", p.count()));
        m.put("last", t.runtime().lastResults().get(t.probe().id()));
        out.add(m);
      }
      ApiRoutes.json(ctx, 200, out);
    });
  }

  private static String presentedToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
    String query = ctx.queryParams().get("token");
    return query == null ? "" : query.trim();
  }

  private static String firstOf(String query, Object body) {
    if (query != null) return query;
    return body == null ? null : String.valueOf(body);
  }

  /** ok/success/0 and no status at all are a success; fail/failure/error or a non-zero exit code a failure. */
  static Boolean status(String text) {
    if (text == null || text.isBlank()) return true;
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    switch (s) {
      case "ok", "success", "succeeded", "pass" -> {
        return true;
      }
      case "fail", "failed", "failure", "error" -> {
        return false;
      }
      default -> {
        if (s.matches("-?\\d{1,9}")) return Integer.parseInt(s) == 0;
        return null;
      }
    }
  }
}
