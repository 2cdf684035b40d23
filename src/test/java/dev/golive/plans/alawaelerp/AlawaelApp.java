package dev.golive.plans.alawaelerp;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The ALAWAEL ERP application as its load balancer exposes it, on loopback: the API on plain HTTP (TLS is terminated
 * in front of it), the HTTPS listener with the certificate, and the plain-HTTP entry that redirects to HTTPS. The
 * public flags switch individual faults on. Thread-safe.
 */
final class AlawaelApp implements AutoCloseable {
  static final String WEB_ORIGIN = "https://erp.alawael.example";
  static final String PROBE_EMAIL = "golive-probe@alawael.example";
  static final String PROBE_PASSWORD = "probe-password-standin";
  static final Map<String, String> TOKENS = Map.of("session-token", "probe", "clerk-token", "clerk",
      "admin-token", "admin");

  volatile boolean cacheDown;
  volatile boolean integrityFailing;
  volatile boolean clerkIsAdmin;
  volatile boolean hstsMissing;

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer api;
  private final HttpServer https;
  private final HttpServer redirect;
  private final Map<String, AtomicInteger> loginBursts = new ConcurrentHashMap<>();
  private final Map<String, Long> lastLogin = new ConcurrentHashMap<>();

  AlawaelApp(String certPath, String keyPath) throws Exception {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    r.get("/").handler(this::home);
    r.get("/api/health").handler(this::health);
    r.get("/api/health/dependencies").handler(rc -> json(rc, 200, new JsonObject().put("email", "ok")
        .put("sms", "ok").put("payment", "ok").put("error_tracking", "ok")));
    r.get("/api/health/integrity").handler(this::integrity);
    r.post("/api/auth/login").handler(this::login);
    r.get("/api/dashboard").handler(rc -> allow(rc, "probe", "clerk", "admin"));
    r.options("/api/invoices").handler(this::preflight);
    r.get("/api/invoices").handler(rc -> allow(rc, "probe", "clerk", "admin"));
    r.post("/api/invoices/validate").handler(rc -> json(rc, 400, new JsonObject().put("errors", new JsonArray()
        .add("customer is required").add("lines[0].qty must be positive").add("lines[0].price must be a number"))));
    r.post("/api/invoices").handler(rc -> {
      if (role(rc) == null) json(rc, 401, new JsonObject().put("error", "unauthorized"));
      else json(rc, 201, new JsonObject().put("id", "inv-" + System.nanoTime()).put("draft", true));
    });
    r.delete("/api/invoices/:id").handler(rc -> {
      if (role(rc) == null) json(rc, 401, new JsonObject().put("error", "unauthorized"));
      else rc.response().setStatusCode(204).end();
    });
    r.get("/api/admin/users").handler(rc -> allow(rc, clerkIsAdmin ? new String[] {"admin", "clerk"}
        : new String[] {"admin"}));
    r.delete("/api/admin/users/:id").handler(rc -> allow(rc, clerkIsAdmin ? new String[] {"admin", "clerk"}
        : new String[] {"admin"}));
    r.get("/api/audit-log").handler(rc -> {
      if (role(rc) == null) json(rc, 401, new JsonObject().put("error", "unauthorized"));
      else if (!"admin".equals(role(rc))) json(rc, 403, new JsonObject().put("error", "forbidden"));
      else json(rc, 200, new JsonObject().put("entries", new JsonArray().add(new JsonObject()
          .put("actor", "admin@alawael.example").put("action", "invoice.approve").put("at", "2026-02-24T10:00:00Z"))));
    });
    r.get("/api/public/products").handler(rc -> json(rc, 200, new JsonObject().put("items", new JsonArray())));
    r.post("/api/auth/session/logout").handler(rc -> json(rc, 403,
        new JsonObject().put("error", "invalid csrf token")));
    r.get("/assets/app.js").handler(this::asset);
    api = listen(new HttpServerOptions(), r);
    https = listen(new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath)), r);
    redirect = listen(new HttpServerOptions(), rq -> rq.response().setStatusCode(301)
        .putHeader("Location", "https://127.0.0.1:" + https.actualPort() + rq.uri()).end());
  }

  private HttpServer listen(HttpServerOptions options, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> h)
      throws Exception {
    return vertx.createHttpServer(options).requestHandler(h).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String apiUrl() {
    return "http://127.0.0.1:" + api.actualPort();
  }

  String redirectUrl() {
    return "http://127.0.0.1:" + redirect.actualPort() + "/";
  }

  int httpsPort() {
    return https.actualPort();
  }

  private void home(RoutingContext rc) {
    var res = rc.response().putHeader("Content-Type", "text/html")
        .putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; frame-ancestors 'none'")
        .putHeader("Set-Cookie", "sid=anonymous; Path=/; Secure; HttpOnly; SameSite=Lax");
    if (!hstsMissing) res.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    res.end("<!doctype html><title>ALAWAEL ERP</title>");
  }

  private void health(RoutingContext rc) {
    json(rc, 200, new JsonObject().put("status", "ok").put("version", "1.0.0").put("environment", "production")
        .put("runtime", new JsonObject().put("node", "v20.11.1"))
        .put("checks", new JsonObject().put("database", "up").put("cache", cacheDown ? "down" : "up")
            .put("queue", "up").put("scheduler", "up").put("config", "loaded"))
        .put("scheduler", new JsonObject().put("jobs", 7))
        .put("database", new JsonObject().put("pending_migrations", 0).put("schema_version", 112)));
  }

  private void integrity(RoutingContext rc) {
    json(rc, 200, new JsonObject().put("failed", integrityFailing ? 1 : 0).put("checks", new JsonArray()
        .add(new JsonObject().put("name", "ledger-balanced").put("ok", true))
        .add(new JsonObject().put("name", "invoice-lines-have-invoices").put("ok", !integrityFailing))));
  }

  /** The probe account logs in; other attempts are refused, and more than 10 in a burst (requests less than 500ms apart) are rate limited. */
  private void login(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String email = body == null ? "" : body.getString("email", "");
    long now = System.nanoTime();
    Long before = lastLogin.put(email, now);
    AtomicInteger burst = loginBursts.computeIfAbsent(email, k -> new AtomicInteger());
    if (before == null || now - before > TimeUnit.MILLISECONDS.toNanos(500)) burst.set(0);
    if (burst.incrementAndGet() > 10) {
      rc.response().setStatusCode(429).putHeader("Retry-After", "30").end();
    } else if (PROBE_EMAIL.equals(email) && PROBE_PASSWORD.equals(body.getString("password"))) {
      json(rc, 200, new JsonObject().put("token", "session-token"));
    } else {
      json(rc, 401, new JsonObject().put("error", "invalid credentials"));
    }
  }

  private void preflight(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    var res = rc.response().putHeader("Vary", "Origin");
    if (WEB_ORIGIN.equals(origin)) {
      res.putHeader("Access-Control-Allow-Origin", origin).putHeader("Access-Control-Allow-Methods", "GET, POST")
          .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
    }
    res.setStatusCode(204).end();
  }

  private void asset(RoutingContext rc) {
    String js = "console.log('alawael');\n".repeat(2000);
    var res = rc.response().putHeader("Content-Type", "application/javascript")
        .putHeader("Cache-Control", "public, max-age=31536000, immutable");
    String accept = rc.request().getHeader("Accept-Encoding");
    if (accept != null && accept.contains("gzip")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(js.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        rc.fail(e);
        return;
      }
      res.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(out.toByteArray()));
    } else {
      res.end(js);
    }
  }

  private static String role(RoutingContext rc) {
    String h = rc.request().getHeader("Authorization");
    return h != null && h.startsWith("Bearer ") ? TOKENS.get(h.substring(7)) : null;
  }

  private static void allow(RoutingContext rc, String... roles) {
    String role = role(rc);
    if (role == null) {
      json(rc, 401, new JsonObject().put("error", "unauthorized"));
    } else if (java.util.List.of(roles).contains(role)) {
      if (rc.request().method() == io.vertx.core.http.HttpMethod.DELETE) rc.response().setStatusCode(204).end();
      else json(rc, 200, new JsonObject().put("items", new JsonArray()));
    } else {
      json(rc, 403, new JsonObject().put("error", "forbidden"));
    }
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
