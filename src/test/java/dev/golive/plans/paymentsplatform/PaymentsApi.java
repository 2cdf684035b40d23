package dev.golive.plans.paymentsplatform;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's edge functions on a loopback port: health, MFA-guarded refunds, a rate limiter, redacted errors,
 * CORS for the app origin, role checks (super admin, owner, admin, member), a Stripe-signed webhook and CSV exports
 * with checksums. {@link #broken} makes the MFA guard and the webhook signature check go missing. Thread-safe.
 */
final class PaymentsApi implements AutoCloseable {
  static final String APP_ORIGIN = "https://app.payments.example";
  static final String WEBHOOK_SECRET = "whsec_standin_0123456789";
  static final Map<String, String> TOKENS = Map.of("sa-token", "super_admin", "owner-token", "owner",
      "admin-token", "admin", "member-token", "member", "aal1-token", "admin-aal1");

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private volatile boolean broken;
  private final AtomicInteger windowCount = new AtomicInteger();
  private final AtomicLong lastRequest = new AtomicLong();

  PaymentsApi() throws Exception {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    r.options("/functions/v1/*").handler(this::preflight);
    r.get("/functions/v1/health").handler(rc -> json(rc, 200, new JsonObject()
        .put("functions", functions()).put("secrets", new JsonObject().put("RESEND_API_KEY", true))));
    r.post("/functions/v1/refund-payment").handler(this::refund);
    r.get("/functions/v1/payment-status").handler(this::rateLimited);
    r.post("/functions/v1/create-payment").handler(this::createPayment);
    r.post("/functions/v1/provision-tenant").handler(rc -> allow(rc, "super_admin"));
    r.post("/functions/v1/tenant-admins").handler(rc -> allow(rc, "super_admin", "owner"));
    r.post("/functions/v1/tenant-settings").handler(rc -> allow(rc, "super_admin", "owner"));
    r.get("/functions/v1/payments").handler(rc -> allow(rc, "super_admin", "owner", "admin", "member"));
    r.post("/functions/v1/payments-webhook").handler(this::webhook);
    r.get("/functions/v1/export").handler(this::export);
    server = vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  void broken(boolean broken) {
    this.broken = broken;
  }

  private static JsonArray functions() {
    JsonArray a = new JsonArray();
    for (String f : new String[] {"create-payment", "refund-payment", "payment-status", "payments-webhook",
        "provision-tenant", "tenant-admins", "tenant-settings", "export"}) {
      a.add(new JsonObject().put("name", f).put("status", "deployed"));
    }
    return a;
  }

  private static String role(RoutingContext rc) {
    String h = rc.request().getHeader("Authorization");
    return h != null && h.startsWith("Bearer ") ? TOKENS.get(h.substring(7)) : null;
  }

  private void allow(RoutingContext rc, String... roles) {
    String role = role(rc);
    if (role == null) {
      json(rc, 401, new JsonObject().put("error", "unauthorized"));
    } else if (java.util.List.of(roles).contains(role)) {
      json(rc, 200, new JsonObject().put("ok", true).put("dry_run", "true".equals(rc.request().getParam("dry_run"))));
    } else {
      json(rc, 403, new JsonObject().put("error", "forbidden"));
    }
  }

  private void refund(RoutingContext rc) {
    String role = role(rc);
    if (role == null) {
      json(rc, 401, new JsonObject().put("error", "unauthorized"));
    } else if (role.equals("admin-aal1") && !broken) {
      json(rc, 403, new JsonObject().put("code", "mfa_required").put("error", "step-up MFA required"));
    } else if (role.equals("member")) {
      json(rc, 403, new JsonObject().put("error", "forbidden"));
    } else {
      json(rc, 200, new JsonObject().put("status", "refunded"));
    }
  }

  /** 20 requests per burst, then 429 with Retry-After; a pause of 500ms or more starts a new burst. */
  private void rateLimited(RoutingContext rc) {
    long now = System.nanoTime();
    long before = lastRequest.getAndSet(now);
    if (now - before > TimeUnit.MILLISECONDS.toNanos(500)) windowCount.set(0);
    if (windowCount.incrementAndGet() > 20) {
      rc.response().setStatusCode(429).putHeader("Retry-After", "60").end();
    } else {
      json(rc, 200, new JsonObject().put("status", "succeeded"));
    }
  }

  private void createPayment(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !(body.getValue("amount") instanceof Number)) {
      json(rc, 400, new JsonObject().put("error", "invalid amount").put("request_id", "req-" + System.nanoTime()));
      return;
    }
    if (role(rc) == null) {
      json(rc, 401, new JsonObject().put("error", "unauthorized"));
      return;
    }
    json(rc, 201, new JsonObject().put("id", "pay_test_" + System.nanoTime()).put("status", "succeeded"));
  }

  private void preflight(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    var res = rc.response().putHeader("Vary", "Origin");
    if (APP_ORIGIN.equals(origin)) {
      res.putHeader("Access-Control-Allow-Origin", origin)
          .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
          .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
          .putHeader("Access-Control-Allow-Credentials", "true");
    }
    res.setStatusCode(204).end();
  }

  private void webhook(RoutingContext rc) {
    String header = rc.request().getHeader("Stripe-Signature");
    String body = rc.body().asString();
    if (broken || validStripeSignature(header, body == null ? "" : body)) {
      json(rc, 200, new JsonObject().put("received", true));
    } else {
      json(rc, 400, new JsonObject().put("error", "invalid signature"));
    }
  }

  private static boolean validStripeSignature(String header, String body) {
    if (header == null) return false;
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) t = part.substring(2);
      if (part.startsWith("v1=")) v1 = part.substring(3);
    }
    if (t == null || v1 == null) return false;
    try {
      if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) > 300) return false;
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
      return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), v1.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return false;
    }
  }

  private void export(RoutingContext rc) {
    if (role(rc) == null) {
      json(rc, 401, new JsonObject().put("error", "unauthorized"));
      return;
    }
    long limit = Long.parseLong(rc.request().getParam("limit", "100"));
    if (limit > 100_000) {
      json(rc, 413, new JsonObject().put("error", "export limit is 100000 rows"));
      return;
    }
    String csv = "id,amount,status\npay_1,101,succeeded\n";
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(csv.getBytes(StandardCharsets.UTF_8)));
      rc.response().putHeader("Content-Type", "text/csv").putHeader("X-Checksum-SHA256", sha).end(csv);
    } catch (Exception e) {
      rc.fail(e);
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
