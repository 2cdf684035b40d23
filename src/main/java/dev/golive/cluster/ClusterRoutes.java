package dev.golive.cluster;

import dev.golive.daemon.Daemon;
import dev.golive.daemon.PlanRuntime;
import dev.golive.http.ApiRoutes;
import dev.golive.http.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's HTTP surface, ahead of the daemon's own routes: {@code GET /api/cluster}, {@code GET /api/plans}
 * over every plan of the cluster, and every {@code /api/plans/{plan}/...} request for a plan another replica owns,
 * forwarded to that owner as it is (reads and writes: the owner checks the bearer token). So any replica answers for
 * every plan with the owner's live state, and a deployment marked anywhere is the owner's at once. A plan with no
 * owner right now (a failover under way) answers 503. Handlers run on event loops and never block.
 */
final class ClusterRoutes {
  static final String FORWARDED = "X-Golive-Forwarded-By";
  private static final int MAX_BODY = 64 * 1024;
  private static final int FORWARD_TIMEOUT_MS = 10_000;

  private final Daemon daemon;
  private final Cluster cluster;
  private final HttpClient client;

  private ClusterRoutes(Daemon daemon, Cluster cluster, HttpClient client) {
    this.daemon = daemon;
    this.cluster = cluster;
    this.client = client;
  }

  static void mount(Router r, Daemon daemon, Cluster cluster) {
    HttpClient client = daemon.vertx().createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
    ClusterRoutes routes = new ClusterRoutes(daemon, cluster, client);
    r.get("/api/cluster").order(-30).handler(routes::view);
    r.get("/api/plans").order(-29).handler(routes::list);
    r.route("/api/plans/:plan").order(-28).handler(routes::forward);
    r.route("/api/plans/:plan/*").order(-27).handler(routes::forward);
    r.post("/api/heartbeats/:plan/:probe").order(-26).handler(routes::forward);
    r.post("/api/heartbeats/:probe").order(-25).handler(routes::forwardPing);
  }

  private void view(RoutingContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("replica", cluster.id());
    out.put("leaseTtlSeconds", ClusterSetup.LEASE_TTL.toSeconds());
    out.put("renewEverySeconds", ClusterSetup.RENEW_EVERY.toSeconds());
    out.put("healthy", cluster.healthy());
    out.put("replicas", cluster.members());
    out.put("plans", cluster.ownerships());
    json(ctx, 200, out);
  }

  /** Every configured plan's summary, from its owner, with the owner's id (null: no owner right now). */
  private void list(RoutingContext ctx) {
    boolean forwarded = ctx.request().getHeader(FORWARDED) != null;
    List<Future<Object>> all = new ArrayList<>();
    for (String plan : daemon.configs().keySet()) {
      PlanRuntime local = daemon.runtimes().get(plan);
      Cluster.Ownership o = cluster.owner(plan);
      if (local != null) {
        all.add(Future.succeededFuture(withOwner(Json.MAPPER.convertValue(ApiRoutes.summary(local), Map.class),
            cluster.id())));
      } else if (o != null && o.ownerUrl() != null && !o.owner().equals(cluster.id()) && !forwarded) {
        all.add(call(HttpMethod.GET, o.ownerUrl(), "/api/plans/" + encode(plan), MultiMap.caseInsensitiveMultiMap(),
            null).map(resp -> resp.status() == 200 ? withOwner(Json.MAPPER.convertValue(
                new io.vertx.core.json.JsonObject(resp.body()).getMap(), Map.class), o.owner())
                : unowned(plan, "owner " + o.owner() + " answered " + resp.status()))
            .otherwise(e -> unowned(plan, "owner " + o.owner() + " unreachable: " + e.getMessage())));
      } else {
        all.add(Future.succeededFuture(unowned(plan, "no owner right now (failover under way)")));
      }
    }
    Future.join(all).onComplete(ar -> json(ctx, 200, all.stream().map(Future::result).toList()));
  }

  @SuppressWarnings("unchecked")
  private static Object withOwner(Map<?, ?> summary, String owner) {
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) summary);
    out.put("owner", owner);
    return out;
  }

  private static Object unowned(String plan, String why) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plan", plan);
    out.put("owner", null);
    out.put("unavailable", why);
    return out;
  }

  /** A ping naming only the heartbeat: forwarded when exactly one plan has it and another replica runs that plan. */
  private void forwardPing(RoutingContext ctx) {
    String probe = ctx.pathParam("probe");
    List<String> plans = daemon.configs().values().stream()
        .filter(p -> p.probes().stream().anyMatch(c -> c.id().equals(probe))).map(p -> p.name()).toList();
    if (plans.size() != 1) {
      ctx.next();
      return;
    }
    forward(ctx, plans.get(0));
  }

  private void forward(RoutingContext ctx) {
    forward(ctx, ctx.pathParam("plan"));
  }

  private void forward(RoutingContext ctx, String plan) {
    if (!daemon.configs().containsKey(plan) || daemon.runtimes().containsKey(plan)) {
      ctx.next();
      return;
    }
    Cluster.Ownership o = cluster.owner(plan);
    if (ctx.request().getHeader(FORWARDED) != null || o == null || o.ownerUrl() == null
        || o.owner().equals(cluster.id())) {
      ctx.response().putHeader("Retry-After", "2");
      json(ctx, 503, Map.of("error", "plan " + plan + " has no running owner right now (a failover or handover is "
          + "under way); try again in a few seconds"));
      return;
    }
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && length.length() < 12 && Long.parseLong(length.trim()) > MAX_BODY) {
      json(ctx, 413, Map.of("error", "body larger than " + MAX_BODY + " bytes"));
      return;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String h : List.of("Authorization", "Content-Type", "Accept")) {
      String v = ctx.request().getHeader(h);
      if (v != null) headers.set(h, v);
    }
    ctx.request().body()
        .compose(body -> call(ctx.request().method(), o.ownerUrl(), ctx.request().uri(), headers, body))
        .onSuccess(resp -> {
          ctx.response().setStatusCode(resp.status());
          if (resp.contentType() != null) ctx.response().putHeader("Content-Type", resp.contentType());
          ctx.response().putHeader(FORWARDED, o.owner()).end(resp.body());
        })
        .onFailure(e -> {
          if (ctx.response().ended()) return;
          ctx.response().putHeader("Retry-After", "2");
          json(ctx, 503, Map.of("error", "the owner of plan " + plan + " (" + o.owner() + ") is unreachable: "
              + e.getMessage() + "; another replica takes the plan over within "
              + (ClusterSetup.LEASE_TTL.plus(ClusterSetup.RENEW_EVERY).toSeconds()) + " s"));
        });
  }

  private record Answer(int status, String contentType, Buffer body) {}

  private Future<Answer> call(HttpMethod method, String base, String uri, MultiMap headers, Buffer body) {
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(base + uri).setHeaders(headers)
        .putHeader(FORWARDED, cluster.id()).setIdleTimeout(FORWARD_TIMEOUT_MS);
    return client.request(o).compose(req -> (body == null || body.length() == 0 ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.getHeader("Content-Type"), b))));
  }

  private static String encode(String plan) {
    return java.net.URLEncoder.encode(plan, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void json(RoutingContext ctx, int status, Object value) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.write(value));
  }
}
