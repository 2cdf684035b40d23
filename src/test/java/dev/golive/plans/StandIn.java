package dev.golive.plans;

import dev.golive.demo.Certificates;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A loopback HTTP(S) server for a plan's stand-in: the caller adds routes to a Vert.x Web router; the server listens
 * on a free port of 127.0.0.1. Also a fake Prometheus ({@link #prometheus}): {@code /api/v1/query} answers from a
 * map of query text to value that the test may change at any time. Blocking start/stop, for tests.
 */
public final class StandIn implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final boolean tls;

  private StandIn(Vertx vertx, HttpServer server, boolean tls) {
    this.vertx = vertx;
    this.server = server;
    this.tls = tls;
  }

  /** Starts plain HTTP (tls null) or HTTPS with the given certificate files. */
  public static StandIn start(Consumer<Router> routes, Certificates.PemFiles tls) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    routes.accept(router);
    HttpServerOptions options = new HttpServerOptions();
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.cert().toString())
          .setKeyPath(tls.key().toString()));
    }
    try {
      HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new StandIn(vertx, server, tls != null);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("stand-in did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:PORT} or {@code https://...}, without a trailing slash. */
  public String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** Sends JSON with a status. */
  public static void json(RoutingContext rc, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode()
        : String.valueOf(body);
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }

  /** The bearer token of a request, or null. */
  public static String bearer(RoutingContext rc) {
    String h = rc.request().getHeader("Authorization");
    return h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
  }

  /**
   * Adds {@code GET /api/v1/query} answering an instant vector with one series whose value is {@code values} of the
   * query; a query not in the map (or mapped to null) answers an empty result.
   */
  public static void prometheus(Router router, Map<String, Double> values) {
    router.get("/api/v1/query").handler(rc -> {
      Double v = values.get(rc.request().getParam("query"));
      JsonArray result = new JsonArray();
      if (v != null) {
        result.add(new JsonObject().put("metric", new JsonObject())
            .put("value", new JsonArray().add(System.currentTimeMillis() / 1000.0).add(String.valueOf(v))));
      }
      json(rc, 200, new JsonObject().put("status", "success")
          .put("data", new JsonObject().put("resultType", "vector").put("result", result)));
    });
  }

  /** A mutable query-to-value map for {@link #prometheus}. */
  public static Map<String, Double> metrics() {
    return new ConcurrentHashMap<>();
  }
}
