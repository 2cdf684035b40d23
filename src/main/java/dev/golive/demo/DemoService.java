package dev.golive.demo;

import dev.golive.config.Durations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small fake production service for {@code golive demo}: a health endpoint with a version, Prometheus metrics with
 * a live request counter (one error in 4,000 requests, at an even pace), security headers, an admin route behind a bearer token, a Meta-style
 * webhook, a deliberately slow route, and the same over HTTPS with a certificate made at start. Loopback only.
 *
 * <p>Chaos for the demo's second act: {@code POST /chaos?errors=0.5&for=60s} (or {@link #chaos}) makes that share of
 * the simulated requests fail for that long, so the error-rate metric climbs and the demo plan's rollback trigger
 * fires; {@code errors=0} ends it early. {@code GET /chaos} shows the current fault.
 */
public final class DemoService {
  public static final String VERSION = "1.4.2";
  public static final String ADMIN_TOKEN = "demo-admin-token";
  public static final String VERIFY_TOKEN = "demo-verify-token";
  public static final String APP_SECRET = "demo-app-secret";

  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Vertx vertx;
  private HttpServer http;
  private HttpServer https;
  private long traffic;
  private long ticks;
  private volatile double chaosErrors;
  private volatile long chaosUntilMs;

  private DemoService(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts plain HTTP on {@code port} and, when {@code tls} is given, HTTPS on {@code tlsPort}; both on 127.0.0.1. */
  public static Future<DemoService> start(Vertx vertx, int port, int tlsPort, PemKeyCertOptions tls) {
    DemoService s = new DemoService(vertx);
    s.traffic = vertx.setPeriodic(100, t -> s.simulateTraffic());
    Future<HttpServer> plain = vertx.createHttpServer().requestHandler(s::handle).listen(port, "127.0.0.1")
        .onSuccess(h -> s.http = h);
    Future<HttpServer> secure = tls == null ? Future.succeededFuture()
        : vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(tls))
            .requestHandler(s::handle).listen(tlsPort, "127.0.0.1").onSuccess(h -> s.https = h);
    return Future.all(plain, secure).map(s);
  }

  public int port() {
    return http.actualPort();
  }

  public int tlsPort() {
    return https == null ? -1 : https.actualPort();
  }

  /**
   * 20 requests per 100 ms tick. Healthy: one error every 200 ticks (20 s, 0.025 %), evenly, so that the demo's
   * error-rate item (under 0.2 errors/s over its 10 s interval) holds on every run; under chaos, a random share.
   */
  private void simulateTraffic() {
    boolean chaos = System.currentTimeMillis() < chaosUntilMs;
    int failed = 0;
    if (!chaos && ++ticks % 200 == 0) failed = 1;
    for (int i = 0; i < 20; i++) {
      if (chaos && ThreadLocalRandom.current().nextDouble() < chaosErrors) failed++;
    }
    errors.addAndGet(failed);
    ok.addAndGet(20 - failed);
  }

  /**
   * Makes {@code errors} (0..1) of the simulated requests fail for {@code duration}; 0 or a zero duration ends the
   * fault. Thread-safe.
   */
  public void chaos(double errors, Duration duration) {
    if (!(errors >= 0 && errors <= 1)) throw new IllegalArgumentException("errors must be between 0 and 1");
    chaosErrors = errors;
    chaosUntilMs = errors == 0 ? 0 : System.currentTimeMillis() + duration.toMillis();
  }

  private void chaos(HttpServerRequest req) {
    var res = req.response().putHeader("Content-Type", "application/json");
    if ("POST".equals(req.method().name())) {
      try {
        chaos(Double.parseDouble(req.getParam("errors", "0.5")), Durations.parse(req.getParam("for", "60s")));
      } catch (RuntimeException e) {
        res.setStatusCode(400).end(new JsonObject().put("error", "use POST /chaos?errors=0.5&for=60s (errors 0..1, "
            + "for a duration like 90s or 2m)").encode());
        return;
      }
    }
    boolean on = System.currentTimeMillis() < chaosUntilMs;
    res.end(new JsonObject().put("errors", on ? chaosErrors : 0.0)
        .put("until", on ? Instant.ofEpochMilli(chaosUntilMs).toString() : null).encode());
  }

  private void handle(HttpServerRequest req) {
    var res = req.response();
    switch (req.path()) {
      case "/health" -> res.putHeader("Content-Type", "application/json")
          .end("{\"status\":\"ok\",\"version\":\"" + VERSION + "\",\"checks\":{\"db\":\"up\",\"cache\":\"up\"}}");
      case "/metrics" -> res.putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics());
      case "/" -> securityHeaders(res).putHeader("Content-Type", "text/html").end("<h1>demo shop</h1>");
      case "/api/admin/users" -> {
        if (("Bearer " + ADMIN_TOKEN).equals(req.getHeader("Authorization"))) {
          res.putHeader("Content-Type", "application/json").end("{\"users\":[{\"id\":1,\"tenant\":\"acme\"}]}");
        } else {
          res.setStatusCode(401).end();
        }
      }
      case "/api/reports/export" -> vertx.setTimer(800, t -> res.putHeader("Content-Type", "application/json")
          .end("{\"rows\":0}"));
      case "/webhooks/meta" -> webhook(req);
      case "/chaos" -> chaos(req);
      default -> res.setStatusCode(404).end();
    }
  }

  private static io.vertx.core.http.HttpServerResponse securityHeaders(io.vertx.core.http.HttpServerResponse res) {
    return res.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .putHeader("Content-Security-Policy", "default-src 'self'");
  }

  private String metrics() {
    return "# HELP demo_http_requests_total Requests served.\n# TYPE demo_http_requests_total counter\n"
        + "demo_http_requests_total{status=\"200\"} " + ok.get() + "\n"
        + "demo_http_requests_total{status=\"500\"} " + errors.get() + "\n"
        + "# HELP demo_queue_depth Jobs waiting.\n# TYPE demo_queue_depth gauge\ndemo_queue_depth 3\n";
  }

  private void webhook(HttpServerRequest req) {
    var res = req.response();
    if ("GET".equals(req.method().name())) {
      boolean ok = "subscribe".equals(req.getParam("hub.mode")) && VERIFY_TOKEN.equals(req.getParam("hub.verify_token"));
      if (ok) res.putHeader("Content-Type", "text/plain").end(req.getParam("hub.challenge", ""));
      else res.setStatusCode(403).end();
      return;
    }
    req.body().onSuccess(body -> res.setStatusCode(validSignature(body, req.getHeader("X-Hub-Signature-256"))
        ? 200 : 401).end()).onFailure(e -> res.setStatusCode(400).end());
  }

  static boolean validSignature(Buffer body, String header) {
    if (header == null || !header.startsWith("sha256=")) return false;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal(body.getBytes());
      return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
          header.substring("sha256=".length()).getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      return false;
    }
  }

  public Future<Void> close() {
    vertx.cancelTimer(traffic);
    Future<Void> a = http == null ? Future.succeededFuture() : http.close();
    Future<Void> b = https == null ? Future.succeededFuture() : https.close();
    return Future.all(a, b).mapEmpty();
  }
}
