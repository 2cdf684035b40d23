package dev.golive.http;

import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.ChecklistRenderer;
import dev.golive.daemon.PlanRuntime;
import dev.golive.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP surface: the JSON API under {@code /api}, the live checklist as Markdown, {@code /metrics},
 * {@code /healthz}, {@code /readyz} and the status page. Reads are open unless a read token is set (see {@link Access});
 * writes need the bearer token. Handlers run on event loops and only read live state; store reads go to the
 * {@code golive-store} pool.
 */
public final class ApiRoutes {
  private static final int EVIDENCE_LIMIT = 50;
  private static final int MAX_BODY = 64 * 1024;

  private final Map<String, PlanRuntime> plans;
  private final Store store;
  private final WorkerExecutor storeWorkers;

  private ApiRoutes(Map<String, PlanRuntime> plans, Store store, WorkerExecutor storeWorkers) {
    this.plans = plans;
    this.store = store;
    this.storeWorkers = storeWorkers;
  }

  /**
   * @param scrape produces the Prometheus text exposition
   * @param ready true once every plan is restored and scheduled
   * @param access which tokens writes and reads need
   */
  public static Router router(Vertx vertx, Map<String, PlanRuntime> plans, Store store, WorkerExecutor storeWorkers,
      Supplier<String> scrape, BooleanSupplier ready, Access access) {
    ApiRoutes api = new ApiRoutes(plans, store, storeWorkers);
    Router r = Router.router(vertx);
    r.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));
    r.get("/readyz").handler(ctx -> ctx.response().setStatusCode(ready.getAsBoolean() ? 200 : 503)
        .putHeader("Content-Type", "text/plain").end(ready.getAsBoolean() ? "ready\n" : "starting\n"));
    // what the status page needs before it can read anything: open, and says nothing secret
    r.get("/api/server").handler(ctx -> json(ctx, 200, Map.of("writes", access.writesEnabled(),
        "readsNeedToken", access.readsNeedToken())));
    BearerAuth reads = BearerAuth.reads(access);
    r.get("/metrics").handler(reads);
    r.get("/api/*").handler(reads); // heartbeat pings are POSTs with their own token
    // a scrape at 10,000 probes is tens of milliseconds of CPU: on a pool of its own, one scrape at a time
    WorkerExecutor scrapes = vertx.createSharedWorkerExecutor("golive-metrics", 1);
    r.get("/metrics").handler(ctx -> scrapes.executeBlocking(scrape::get, true).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
    }));
    r.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end(StatusPage.html()));
    r.get("/api/plans").handler(ctx -> json(ctx, 200, plans.values().stream().map(Views::summary).toList()));
    r.get("/api/plans/:plan").handler(ctx -> api.plan(ctx).ifPresent(p -> json(ctx, 200, Views.summary(p))));
    r.get("/api/plans/:plan/gates").handler(ctx -> api.plan(ctx).ifPresent(p -> json(ctx, 200, p.verdict())));
    r.get("/api/plans/:plan/probes").handler(ctx -> api.plan(ctx).ifPresent(p -> json(ctx, 200, Views.probes(p))));
    r.get("/api/plans/:plan/items").handler(ctx -> api.plan(ctx).ifPresent(p -> json(ctx, 200, Views.items(p))));
    r.get("/api/plans/:plan/items/:item").handler(api::item);
    r.get("/api/plans/:plan/checklist").handler(ctx -> api.plan(ctx).ifPresent(p -> json(ctx, 200, Views.items(p))));
    r.get("/api/plans/:plan/checklist.md").handler(api::markdown);
    HeartbeatRoutes.mount(r, plans, store, storeWorkers); // before the bearer check: pings carry their own token
    BearerAuth auth = BearerAuth.writes(access);
    r.post("/api/*").handler(auth);
    r.put("/api/*").handler(auth);
    r.delete("/api/*").handler(auth);
    r.post("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    r.post("/api/plans/:plan/items/:item/tick").handler(ctx -> api.manual(ctx, true));
    r.post("/api/plans/:plan/items/:item/untick").handler(ctx -> api.manual(ctx, false));
    r.route("/api/*").last().handler(ctx -> error(ctx, 404, "no such API route: " + ctx.request().method() + " "
        + ctx.request().path()));
    return r;
  }

  /** A running plan's summary as {@code GET /api/plans} shows it. */
  public static Object summary(PlanRuntime p) {
    return Views.summary(p);
  }

  private Optional<PlanRuntime> plan(RoutingContext ctx) {
    PlanRuntime p = plans.get(ctx.pathParam("plan"));
    if (p == null) error(ctx, 404, "no plan '" + ctx.pathParam("plan") + "' (plans: " + plans.keySet() + ")");
    return Optional.ofNullable(p);
  }

  private Optional<ChecklistItem> item(RoutingContext ctx, PlanRuntime p) {
    Optional<ChecklistItem> i = p.plan().checklist().item(ctx.pathParam("item"));
    if (i.isEmpty()) error(ctx, 404, "no item '" + ctx.pathParam("item") + "' in plan " + p.name());
    return i;
  }

  private void item(RoutingContext ctx) {
    plan(ctx).ifPresent(p -> item(ctx, p).ifPresent(i -> storeWorkers
        .executeBlocking(() -> store.history(p.name(), i.id(), EVIDENCE_LIMIT), false)
        .onSuccess(history -> json(ctx, 200, new Views.ItemDetail(Views.item(p, i), history)))
        .onFailure(e -> error(ctx, 503, "store unavailable: " + e.getMessage()))));
  }

  private void markdown(RoutingContext ctx) {
    plan(ctx).ifPresent(p -> ctx.response().putHeader("Content-Type", "text/markdown; charset=utf-8")
        .end(ChecklistRenderer.render(p.plan().checklist(), i -> p.items().get(i.id()).state().label())));
  }

  private void manual(RoutingContext ctx, boolean tick) {
    Optional<PlanRuntime> p = plan(ctx);
    if (p.isEmpty()) return;
    Optional<ChecklistItem> i = item(ctx, p.get());
    if (i.isEmpty()) return;
    JsonObject body;
    try {
      body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      error(ctx, 400, "the body must be a JSON object like {\"by\": \"alice\", \"note\": \"why\"}");
      return;
    }
    String by = body.getString("by", "").trim();
    if (by.isEmpty()) {
      error(ctx, 400, "say who ticks it: {\"by\": \"alice\", \"note\": \"why\"}");
      return;
    }
    p.get().manual(i.get().id(), tick, by, body.getString("note", ""))
        .onSuccess(t -> json(ctx, 200, Views.item(p.get(), i.get())))
        .onFailure(e -> error(ctx, e instanceof IllegalStateException ? 409 : 404, e.getMessage()));
  }

  /** A route handler that lets a request through only with the write token (see {@link Access}). */
  public static io.vertx.core.Handler<RoutingContext> writeGuard(Access access) {
    return BearerAuth.writes(access);
  }

  /** Ends the response with {@code value} as JSON. */
  public static void json(RoutingContext ctx, int status, Object value) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.write(value));
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }
}
