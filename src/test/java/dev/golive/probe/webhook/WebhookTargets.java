package dev.golive.probe.webhook;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fake webhook endpoints, written from the providers' documentation independently of {@link Signer}: correct ones per
 * scheme and broken ones (accepts anything, echoes the challenge for any token, ignores timestamps).
 */
final class WebhookTargets {
  static final String TOKEN = "verify-tok-42";
  static final String SECRET = "app-secret-xyz";
  static final long TOLERANCE_S = 300;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<io.vertx.core.MultiMap> posted = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(ctx -> {
      requests.add(ctx.request().method() + " " + ctx.request().uri());
      if (ctx.request().method() == io.vertx.core.http.HttpMethod.POST) posted.add(ctx.request().headers());
      ctx.next();
    });
    r.route().handler(BodyHandler.create());
    r.get("/meta").handler(this::metaHandshake);
    r.post("/meta").handler(ctx -> answer(ctx, hubSignatureValid(ctx)));
    r.post("/github").handler(ctx -> answer(ctx, hubSignatureValid(ctx)
        && "ping".equals(ctx.request().getHeader("X-GitHub-Event"))));
    r.post("/stripe").handler(ctx -> answer(ctx, stripeValid(ctx, true)));
    r.post("/stripe-no-tolerance").handler(ctx -> answer(ctx, stripeValid(ctx, false)));
    r.post("/slack").handler(ctx -> answer(ctx, slackValid(ctx)));
    r.post("/hmac").handler(ctx -> {
      String expected = "sha512=" + Base64.getEncoder().encodeToString(
          hmac("HmacSHA512", SECRET, ctx.body().asString()));
      answer(ctx, equal(expected, ctx.request().getHeader("X-Signature")));
    });
    // generic HMAC over "timestamp.body" with the timestamp in its own header (Standard-Webhooks-like)
    r.post("/hmac-ts").handler(ctx -> answer(ctx, timestampedHmacValid(ctx, true)));
    r.post("/hmac-ts-no-age").handler(ctx -> answer(ctx, timestampedHmacValid(ctx, false)));
    // the wrong peers of the signature claim, each with one flaw, and one right peer that cannot read an empty entry
    r.post("/meta-unsigned-ok").handler(ctx -> answer(ctx, ctx.request().getHeader("X-Hub-Signature-256") == null
        || hubSignatureValid(ctx))); // "no signature: log a warning and carry on"
    r.post("/meta-any-signature").handler(ctx -> answer(ctx, String.valueOf(ctx.request()
        .getHeader("X-Hub-Signature-256")).startsWith("sha256=")));
    r.post("/meta-signature-cache").handler(this::signatureCache);
    r.post("/meta-crash-on-empty").handler(ctx -> {
      if (!hubSignatureValid(ctx)) {
        answer(ctx, false);
        return;
      }
      var entry = ctx.body().asJsonObject().getJsonArray("entry");
      if (entry.isEmpty()) {
        ctx.response().setStatusCode(500).end("IndexError: list index out of range"); // entry[0]["changes"]
        return;
      }
      String field = entry.getJsonObject(0).getJsonArray("changes").getJsonObject(0).getString("field");
      ctx.response().end("{\"received\":\"" + field + "\"}");
    });
    // broken: accepts anything and echoes any challenge
    r.route("/lax").handler(ctx -> {
      String challenge = ctx.request().getParam("hub.challenge");
      ctx.response().end(challenge == null ? "ok" : challenge);
    });
    // broken handshake, correct signatures
    r.get("/echo-any").handler(ctx -> ctx.response().end(ctx.request().getParam("hub.challenge")));
    r.post("/echo-any").handler(ctx -> answer(ctx, hubSignatureValid(ctx)));
    return r;
  }

  /** Verifies once, then trusts a signature it has seen valid, whatever body comes with it. */
  private void signatureCache(RoutingContext ctx) {
    String sig = ctx.request().getHeader("X-Hub-Signature-256");
    if (sig != null && verified.contains(sig)) {
      answer(ctx, true);
      return;
    }
    boolean ok = hubSignatureValid(ctx);
    if (ok) verified.add(sig);
    answer(ctx, ok);
  }

  private void metaHandshake(RoutingContext ctx) {
    var q = ctx.request();
    if ("subscribe".equals(q.getParam("hub.mode")) && TOKEN.equals(q.getParam("hub.verify_token"))) {
      ctx.response().end(q.getParam("hub.challenge"));
    } else {
      ctx.response().setStatusCode(403).end("Forbidden");
    }
  }

  private static void answer(RoutingContext ctx, boolean valid) {
    if (valid) ctx.response().end("{\"received\":true}");
    else ctx.response().setStatusCode(401).end("bad signature");
  }

  private static boolean hubSignatureValid(RoutingContext ctx) {
    String expected = "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, ctx.body().asString()));
    return equal(expected, ctx.request().getHeader("X-Hub-Signature-256"));
  }

  private static boolean stripeValid(RoutingContext ctx, boolean checkAge) {
    String header = ctx.request().getHeader("Stripe-Signature");
    if (header == null) return false;
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) t = part.substring(2);
      if (part.startsWith("v1=")) v1 = part.substring(3);
    }
    if (t == null || v1 == null) return false;
    if (checkAge && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) > TOLERANCE_S) return false;
    return equal(HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, t + "." + ctx.body().asString())), v1);
  }

  private static boolean timestampedHmacValid(RoutingContext ctx, boolean checkAge) {
    String ts = ctx.request().getHeader("X-Webhook-Timestamp");
    if (ts == null) return false;
    if (checkAge && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) > TOLERANCE_S) return false;
    String expected = "v1=" + HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, ts + "." + ctx.body().asString()));
    return equal(expected, ctx.request().getHeader("X-Webhook-Signature"));
  }

  private static boolean slackValid(RoutingContext ctx) {
    String ts = ctx.request().getHeader("X-Slack-Request-Timestamp");
    if (ts == null || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) > TOLERANCE_S) return false;
    String expected = "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", SECRET, "v0:" + ts + ":"
        + ctx.body().asString()));
    return equal(expected, ctx.request().getHeader("X-Slack-Signature"));
  }

  private static boolean equal(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
