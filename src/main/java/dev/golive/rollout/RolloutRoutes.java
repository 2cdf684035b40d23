package dev.golive.rollout;

import dev.golive.config.Durations;
import dev.golive.config.TriggerConfig;
import dev.golive.config.WindowConfig;
import dev.golive.http.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment API, mounted on the daemon's router after its auth and body handlers (writes need the bearer token):
 * {@code POST/GET /api/plans/{plan}/deployments}, {@code GET .../deployments/current}, {@code GET .../deployments/{id}}
 * and {@code GET .../deployments/{id}/triggers/{trigger}} (the trigger's stored state changes: its evidence).
 * Handlers run on event loops; store reads go to the store pool.
 */
public final class RolloutRoutes {
  private static final int LIST_LIMIT = 100;
  private static final int HISTORY_LIMIT = 200;
  private static final int MAX_VERSION = 200;

  private final Map<String, Rollout> rollouts;

  private RolloutRoutes(Map<String, Rollout> rollouts) {
    this.rollouts = rollouts;
  }

  /** Adds the routes; {@code rollouts} by plan name. */
  public static void mount(Router r, Map<String, Rollout> rollouts) {
    RolloutRoutes api = new RolloutRoutes(rollouts);
    r.post("/api/plans/:plan/deployments").handler(api::deploy);
    r.get("/api/plans/:plan/deployments").handler(api::list);
    r.get("/api/plans/:plan/deployments/current").handler(api::current);
    r.get("/api/plans/:plan/deployments/:id").handler(api::one);
    r.get("/api/plans/:plan/deployments/:id/triggers/:trigger").handler(api::trigger);
  }

  private Optional<Rollout> rollout(RoutingContext ctx) {
    Rollout r = rollouts.get(ctx.pathParam("plan"));
    if (r == null) error(ctx, 404, "no plan '" + ctx.pathParam("plan") + "' (plans: " + rollouts.keySet() + ")");
    return Optional.ofNullable(r);
  }

  private void deploy(RoutingContext ctx) {
    Optional<Rollout> r = rollout(ctx);
    if (r.isEmpty()) return;
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    Object v = body == null ? null : body.getValue("version");
    String version = v instanceof String s ? s.trim() : v instanceof Number n ? n.toString() : "";
    if (version.isEmpty() || version.length() > MAX_VERSION || version.chars().anyMatch(Character::isISOControl)) {
      error(ctx, 400, "the body must be a JSON object like {\"version\": \"1.4.3\", \"note\": \"why\"}");
      return;
    }
    Object n = body.getValue("note");
    String note = n instanceof String s ? s : null;
    if (note != null && note.length() > 2000) note = note.substring(0, 2000);
    r.get().deploy(version, note, "api")
        .onSuccess(res -> json(ctx, res.created() ? 201 : 200, view(r.get(), res.deployment())))
        .onFailure(e -> error(ctx, 503, "cannot record the deployment: " + e.getMessage()));
  }

  private void list(RoutingContext ctx) {
    rollout(ctx).ifPresent(r -> r.deployments(LIST_LIMIT)
        .onSuccess(l -> json(ctx, 200, l.stream().map(d -> summary(r, d)).toList()))
        .onFailure(e -> error(ctx, 503, "store unavailable: " + e.getMessage())));
  }

  private void current(RoutingContext ctx) {
    rollout(ctx).ifPresent(r -> {
      Deployment d = r.current();
      if (d == null) error(ctx, 404, "no deployment of " + r.plan().name() + " yet: mark one with golive deploy");
      else json(ctx, 200, view(r, d));
    });
  }

  private void one(RoutingContext ctx) {
    rollout(ctx).ifPresent(r -> r.deployment(ctx.pathParam("id")).onSuccess(d -> {
      if (d == null) error(ctx, 404, "no deployment '" + ctx.pathParam("id") + "' of " + r.plan().name());
      else if (r.current() != null && r.current().id().equals(d.id())) json(ctx, 200, view(r, r.current()));
      else json(ctx, 200, summary(r, d));
    }).onFailure(e -> error(ctx, 503, "store unavailable: " + e.getMessage())));
  }

  private void trigger(RoutingContext ctx) {
    Optional<Rollout> r = rollout(ctx);
    if (r.isEmpty()) return;
    String id = ctx.pathParam("trigger");
    Optional<TriggerConfig> t = r.get().plan().triggers().stream().filter(x -> x.id().equals(id)).findFirst();
    if (t.isEmpty()) {
      error(ctx, 404, "no trigger '" + id + "' in plan " + r.get().plan().name());
      return;
    }
    String deployment = ctx.pathParam("id");
    r.get().deployment(deployment).compose(d -> {
      if (d == null) return io.vertx.core.Future.succeededFuture((Map<String, Object>) null);
      return r.get().history(deployment, id, HISTORY_LIMIT).map(changes -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trigger", id);
        out.put("plan", r.get().plan().name());
        out.put("deployment", d.id());
        out.put("version", d.version());
        out.put("deployedAt", d.deployedAt());
        out.put("threshold", TriggerEvaluator.threshold(t.get()));
        out.put("resolveWhen", t.get().resolveWhen() == null ? null : t.get().resolveWhen().text());
        out.put("for", t.get().forCount());
        out.put("severity", t.get().severity());
        out.put("noData", t.get().noData());
        out.put("dryRun", t.get().dryRun());
        out.put("state", changes.isEmpty() ? TriggerMachine.OK : changes.get(0).to());
        out.put("changes", changes);
        return out;
      });
    }).onSuccess(out -> {
      if (out == null) error(ctx, 404, "no deployment '" + deployment + "' of " + r.get().plan().name());
      else json(ctx, 200, out);
    }).onFailure(e -> error(ctx, 503, "store unavailable: " + e.getMessage()));
  }

  private static Map<String, Object> summary(Rollout r, Deployment d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", d.id());
    out.put("plan", d.plan());
    out.put("version", d.version());
    out.put("note", d.note());
    out.put("source", d.source());
    out.put("deployedAt", d.deployedAt());
    out.put("supersededAt", d.supersededAt());
    out.put("current", d.supersededAt() == null);
    out.put("baselines", d.baselines());
    return out;
  }

  /** The current deployment with its windows (state, hold items) and triggers (live state). */
  static Map<String, Object> view(Rollout r, Deployment d) {
    Map<String, Object> out = summary(r, d);
    List<Map<String, Object>> windows = new ArrayList<>();
    java.time.Instant now = r.now();
    for (WindowConfig w : r.plan().windows()) {
      WindowTiming timing = WindowTiming.of(w, d);
      Map<String, Object> wv = new LinkedHashMap<>();
      wv.put("name", w.name());
      wv.put("from", Durations.format(w.from()));
      wv.put("until", Durations.format(w.until()));
      wv.put("opensAt", timing.opensAt());
      wv.put("closesAt", timing.closesAt());
      wv.put("state", timing.state(now).label());
      List<Map<String, Object>> hold = new ArrayList<>();
      for (String item : w.holdItemIds()) {
        HoldOutcome h = r.holds().get(w.name() + "/" + item);
        Map<String, Object> hv = new LinkedHashMap<>();
        hv.put("item", item);
        hv.put("outcome", h == null ? (timing.state(now) == WindowTiming.State.CLOSED ? "unsettled" : "holding")
            : h.outcome());
        hv.put("at", h == null ? null : h.at());
        hv.put("note", h == null ? null : h.note());
        hold.add(hv);
      }
      wv.put("hold", hold);
      wv.put("triggers", r.plan().triggers().stream()
          .filter(t -> t.windows().isEmpty() || t.windows().contains(w.name())).map(TriggerConfig::id).toList());
      windows.add(wv);
    }
    out.put("windows", windows);
    List<Map<String, Object>> triggers = new ArrayList<>();
    for (TriggerConfig t : r.plan().triggers()) {
      Rollout.TriggerStatus s = r.triggers().get(t.id());
      Map<String, Object> tv = new LinkedHashMap<>();
      tv.put("id", t.id());
      tv.put("severity", t.severity());
      tv.put("dryRun", t.dryRun());
      tv.put("state", s.state());
      tv.put("consecutive", s.consecutive());
      tv.put("for", t.forCount());
      tv.put("noData", s.noData());
      tv.put("since", s.since());
      tv.put("threshold", TriggerEvaluator.threshold(t));
      tv.put("observed", s.observed());
      tv.put("baseline", s.baseline());
      tv.put("evidenceUrl", Rollout.evidenceUrl(d.plan(), d.id(), t.id()));
      triggers.add(tv);
    }
    out.put("triggers", triggers);
    return out;
  }

  private static void json(RoutingContext ctx, int status, Object value) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.write(value));
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }
}
