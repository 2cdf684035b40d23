package dev.golive.plans.ltcrm;

import dev.golive.demo.Certificates;
import dev.golive.plans.StandIn;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * LT CRM as its plan sees it: the Flask app (plain HTTP), its public HTTPS endpoint, Prometheus, the nightly dumps,
 * the app log, and fake {@code flask} and {@code flyctl} CLIs (shell scripts). {@code broken}: the CSP allows inline
 * scripts, a 404 shows the Werkzeug debugger, the log holds a customer's e-mail address, and
 * {@code flask export-user-data} crashes.
 */
public final class LtCrmStandIn implements AutoCloseable {
  public static final String PASSWORD = "probe-password-test";
  public static final String ADMIN = "admin-token-test";
  public static final String VIEWER = "viewer-token-test";
  public static final String METRICS = "metrics-token-test";
  public static final String DATABASE_URL = "postgresql://crm:db-password-test@127.0.0.1:1/crm";
  public static final String FLY_TOKEN = "fly-token-test";
  public static final String PD_KEY = "pd-key-test";

  private final boolean broken;
  private final Map<String, Double> metrics = StandIn.metrics();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final Set<String> products = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final Path dir;
  private final Certificates.PemFiles certs;
  private final StandIn app;
  private final StandIn https;

  public LtCrmStandIn(boolean broken, Path dir) throws IOException {
    this.broken = broken;
    this.dir = dir;
    Files.createDirectories(dir.resolve("backups"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("backups/lt-crm.sql.gz")))) {
      out.write("-- pg_dump lt-crm\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("app.log"), "INFO order 1832 created by user 17\n"
        + (broken ? "ERROR password reset failed for anna.nowak@example.com\n" : "WARN slow query 240ms\n"));
    script("flask", """
        #!/bin/sh
        [ -n "$DATABASE_URL" ] || { echo "DATABASE_URL is not set" >&2; exit 3; }
        case "$1" in
          db) echo "3f9a1c2b7d4e (head)" ;;
          export-user-data) %s ;;
          delete-user-data) echo "{\\"user_id\\": $2, \\"remaining_pii_rows\\": 0}" ;;
          *) exit 2 ;;
        esac
        """.formatted(broken ? "echo \"Traceback (most recent call last): KeyError: 'consents'\" >&2; exit 1"
        : "echo \"{\\\"user\\\": {\\\"id\\\": $2}, \\\"orders\\\": []}\""));
    script("flyctl", """
        #!/bin/sh
        [ -n "$FLY_API_TOKEN" ] || { echo "no access token" >&2; exit 1; }
        echo '[{"Name":"SECRET_KEY"},{"Name":"DATABASE_URL"},{"Name":"SENTRY_DSN"},{"Name":"MAIL_PASSWORD"},{"Name":"METRICS_TOKEN"},{"Name":"JWT_SECRET"}]'
        """);
    Instant now = Instant.now();
    certs = Certificates.write(dir.resolve("tls"), "ltcrm", List.of("lt-crm.fly.dev"), now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(80)));
    metrics.put("histogram_quantile(0.95, sum by (le) (rate(lt_crm_db_query_duration_seconds_bucket[5m])))", 0.02);
    metrics.put("max(process_resident_memory_bytes{app=\"lt-crm\"})", 180e6);
    metrics.put("histogram_quantile(0.95, sum by (le) (rate(flask_http_request_duration_seconds_bucket[5m])))", 0.25);
    metrics.put("sum(rate(flask_http_request_total{status=~\"5..\"}[5m])) / sum(rate(flask_http_request_total[5m]))", 0.001);
    app = StandIn.start(this::routes, null);
    https = StandIn.start(r -> r.get("/").handler(rc -> rc.response().end("lt-crm")), certs);
  }

  private void script(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("LTCRM_URL", app.url());
    env.put("LTCRM_STAGING_URL", app.url() + "/staging");
    env.put("LTCRM_TLS_HOST", "127.0.0.1");
    env.put("LTCRM_TLS_PORT", String.valueOf(https.port()));
    env.put("LTCRM_TLS_SERVER_NAME", "lt-crm.fly.dev");
    env.put("LTCRM_CA_FILE", certs.caCert().toString());
    env.put("LTCRM_PROMETHEUS_URL", app.url());
    env.put("LTCRM_BACKUP_GLOB", dir.resolve("backups") + "/*.sql.gz");
    env.put("LTCRM_LOG_FILE", dir.resolve("app.log").toString());
    env.put("LTCRM_FLASK", dir.resolve("flask").toString());
    env.put("LTCRM_FLYCTL", dir.resolve("flyctl").toString());
    env.put("LTCRM_ALERTMANAGER_URL", "http://127.0.0.1:9");
    env.put("LTCRM_PROBE_PASSWORD", PASSWORD);
    env.put("LTCRM_ADMIN_TOKEN", ADMIN);
    env.put("LTCRM_VIEWER_TOKEN", VIEWER);
    env.put("LTCRM_METRICS_TOKEN", METRICS);
    env.put("LTCRM_DATABASE_URL", DATABASE_URL);
    env.put("FLY_API_TOKEN", FLY_TOKEN);
    env.put("LTCRM_PD_ROUTING_KEY", PD_KEY);
    return env;
  }

  public Map<String, Double> metrics() {
    return metrics;
  }

  private void routes(Router r) {
    StandIn.prometheus(r, metrics);
    r.get("/health").handler(rc -> StandIn.json(rc, 200,
        new JsonObject().put("status", "ok").put("database", "ok").put("environment", "production")));
    r.get("/staging/health").handler(rc -> StandIn.json(rc, 200,
        new JsonObject().put("status", "ok").put("database", "ok").put("environment", "staging")));
    r.get("/golive-probe-no-such-page").handler(rc -> rc.response().setStatusCode(404).putHeader("Content-Type", "text/html")
        .end(broken ? "<title>NotFound // Werkzeug Debugger</title><pre>Traceback (most recent call last):</pre>"
            : "<h1>Not Found</h1>"));
    r.get("/login").handler(rc -> rc.response()
        .putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        .putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .putHeader("Content-Security-Policy", broken ? "default-src 'self'; script-src 'self' 'unsafe-inline'"
            : "default-src 'self'; script-src 'self'; frame-ancestors 'none'")
        .putHeader("Set-Cookie", "session=" + UUID.randomUUID() + "; Path=/; Secure; HttpOnly; SameSite=Lax")
        .putHeader("Content-Type", "text/html").end("<form method=post></form>"));
    r.post("/auth/login").handler(this::login);
    r.get("/api/me").handler(rc -> allow(rc, Set.of("user", "admin", "viewer"), 200, new JsonObject().put("id", 17)));
    r.get("/api/orders").handler(rc -> allow(rc, Set.of("user", "admin", "viewer"), 200, new JsonObject()));
    r.post("/api/orders").handler(rc -> allow(rc, Set.of("user", "admin"), 201, new JsonObject().put("id", "o-" + UUID.randomUUID())));
    r.get("/api/orders/:id").handler(rc -> allow(rc, Set.of("user", "admin", "viewer"), 200, new JsonObject().put("id", rc.pathParam("id"))));
    r.delete("/api/orders/:id").handler(rc -> allow(rc, Set.of("user", "admin"), 204, null));
    r.get("/api/products").handler(rc -> allow(rc, Set.of("user", "admin", "viewer"), 200, new JsonObject()));
    r.post("/api/products").handler(rc -> {
      String id = "p-" + UUID.randomUUID();
      if (role(rc) != null && !"viewer".equals(role(rc))) products.add(id);
      allow(rc, Set.of("user", "admin"), 201, new JsonObject().put("id", id));
    });
    r.delete("/api/products/:id").handler(rc -> {
      if (Set.of("user", "admin").contains(role(rc)) && !products.remove(rc.pathParam("id"))) {
        StandIn.json(rc, 404, new JsonObject().put("error", "no such product"));
      } else {
        allow(rc, Set.of("user", "admin"), 204, null);
      }
    });
    r.get("/api/customers").handler(rc -> allow(rc, Set.of("user", "admin", "viewer"), 200, new JsonObject()));
    r.get("/api/users").handler(rc -> allow(rc, Set.of("admin"), 200, new JsonObject()));
    r.get("/api/admin/users").handler(rc -> allow(rc, Set.of("admin"), 200, new JsonObject()));
    r.post("/api/admin/export").handler(rc -> allow(rc, Set.of("admin"), 200, new JsonObject()));
    r.get("/metrics").handler(rc -> {
      if (!METRICS.equals(StandIn.bearer(rc))) {
        rc.response().setStatusCode(401).end();
      } else {
        rc.response().putHeader("Content-Type", "text/plain; version=0.0.4")
            .end("# TYPE flask_http_request_total counter\nflask_http_request_total{method=\"GET\",status=\"200\"} 1234\n");
      }
    });
  }

  private String role(RoutingContext rc) {
    String t = StandIn.bearer(rc);
    if (t == null) return null;
    if (t.equals(ADMIN)) return "admin";
    if (t.equals(VIEWER)) return "viewer";
    return sessions.contains(t) ? "user" : null;
  }

  private void allow(RoutingContext rc, Set<String> roles, int status, JsonObject body) {
    String role = role(rc);
    if (role == null) StandIn.json(rc, 401, new JsonObject().put("error", "login required"));
    else if (!roles.contains(role)) StandIn.json(rc, 403, new JsonObject().put("error", "forbidden"));
    else if (body == null) rc.response().setStatusCode(status).end();
    else StandIn.json(rc, status, body);
  }

  private void login(RoutingContext rc) {
    JsonObject b = rc.body().asJsonObject();
    if (b != null && "golive-probe@ltcrm.test".equals(b.getString("email")) && PASSWORD.equals(b.getString("password"))) {
      String token = UUID.randomUUID().toString();
      sessions.add(token);
      StandIn.json(rc, 200, new JsonObject().put("token", token));
    } else if (failedLogins.incrementAndGet() > 10) {
      rc.response().setStatusCode(429).putHeader("Retry-After", "60").end();
    } else {
      StandIn.json(rc, 401, new JsonObject().put("error", "invalid credentials"));
    }
  }

  @Override
  public void close() {
    app.close();
    https.close();
  }
}
