package dev.golive.plans.bizoneweb;

import dev.golive.demo.Certificates;
import dev.golive.plans.StandIn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * bizone-web as its plan sees it: the portal API and Meta webhook (plain HTTP), the public HTTPS endpoint (a
 * certificate for portal.bizone.id from a test CA), Prometheus and the nightly dumps. {@code broken}: the certificate
 * expires in 5 days, the webhook accepts forged signatures, an agent may list roles, and the newest dump is 3 days old.
 */
public final class BizoneWebStandIn implements AutoCloseable {
  public static final String VERIFY_TOKEN = "verify-token-test";
  public static final String APP_SECRET = "meta-app-secret-test";
  public static final String PASSWORD = "probe-password-test";
  public static final String ADMIN = "admin-token-test";
  public static final String EDITOR = "editor-token-test";
  public static final String AGENT = "agent-token-test";

  private final boolean broken;
  private final Map<String, Double> metrics = StandIn.metrics();
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final Path backups;
  private final Certificates.PemFiles certs;
  private final StandIn app;
  private final StandIn https;

  public BizoneWebStandIn(boolean broken, Path dir) throws IOException {
    this.broken = broken;
    backups = Files.createDirectories(dir.resolve("backups"));
    Path dump = backups.resolve("bizone-nightly.sql.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dump))) {
      out.write("-- pg_dump bizone\n".getBytes(StandardCharsets.UTF_8));
    }
    if (broken) Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
    Instant now = Instant.now();
    certs = Certificates.write(dir.resolve("tls"), "bizone", List.of("portal.bizone.id"), now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(broken ? 5 : 90)));
    metrics.put("count(up{job=~\"backend|postgres|redis|webhook|queue\"} == 1)", 5.0);
    metrics.put("sum(prometheus_rule_group_rules{rule_group=~\".*bizone.*\"})", 12.0);
    metrics.put("time() - max(bizone_restore_drill_last_success_timestamp_seconds)", 5 * 86_400.0);
    app = StandIn.start(this::routes, null);
    https = StandIn.start(r -> r.get("/").handler(rc -> rc.response().end("bizone")), certs);
  }

  public Map<String, String> env() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("BIZONE_URL", app.url());
    env.put("BIZONE_STAGING_URL", app.url() + "/staging");
    env.put("BIZONE_TLS_HOST", "127.0.0.1");
    env.put("BIZONE_TLS_PORT", String.valueOf(https.port()));
    env.put("BIZONE_TLS_SERVER_NAME", "portal.bizone.id");
    env.put("BIZONE_CA_FILE", certs.caCert().toString());
    env.put("BIZONE_PROMETHEUS_URL", app.url());
    env.put("BIZONE_BACKUP_GLOB", backups + "/*.sql.gz");
    env.put("BIZONE_ALERTMANAGER_URL", "http://127.0.0.1:9");
    env.put("WEBHOOK_VERIFY_TOKEN", VERIFY_TOKEN);
    env.put("META_APP_SECRET", APP_SECRET);
    env.put("BIZONE_PROBE_PASSWORD", PASSWORD);
    env.put("BIZONE_ADMIN_TOKEN", ADMIN);
    env.put("BIZONE_EDITOR_TOKEN", EDITOR);
    env.put("BIZONE_AGENT_TOKEN", AGENT);
    env.put("BIZONE_SLACK_WEBHOOK", "http://127.0.0.1:9/slack");
    return env;
  }

  public Map<String, Double> metrics() {
    return metrics;
  }

  private void routes(Router r) {
    StandIn.prometheus(r, metrics);
    r.get("/api/health").handler(rc -> StandIn.json(rc, 200, new JsonObject().put("status", "ok").put("env", "production")));
    r.get("/staging/api/health").handler(rc -> StandIn.json(rc, 200, new JsonObject().put("status", "ok").put("env", "staging")));
    r.get("/").handler(rc -> rc.response().putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        .putHeader("X-Content-Type-Options", "nosniff").putHeader("Content-Type", "text/html").end("<html>bizone</html>"));
    r.get("/api/webhooks/whatsapp").handler(this::handshake);
    r.post("/api/webhooks/whatsapp").handler(this::delivery);
    r.options("/api/templates").handler(this::preflight);
    r.post("/api/auth/login").handler(this::login);
    r.post("/api/auth/refresh").handler(rc -> {
      String user = refreshTokens.remove(rc.body().asJsonObject().getString("refreshToken", ""));
      if (user == null) StandIn.json(rc, 401, new JsonObject().put("error", "invalid refresh token"));
      else StandIn.json(rc, 200, issue(user));
    });
    r.get("/api/auth/me").handler(rc -> allow(rc, Set.of("admin"), new JsonObject().put("email", "probe@bizone.id")));
    r.post("/api/auth/logout").handler(rc -> {
      String t = StandIn.bearer(rc);
      if (t == null || sessions.remove(t) == null) StandIn.json(rc, 401, new JsonObject());
      else rc.response().setStatusCode(204).end();
    });
    JsonObject list = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", "tpl-1")));
    r.get("/api/templates").handler(rc -> allow(rc, Set.of("admin", "editor", "agent"), list));
    r.post("/api/templates").handler(rc -> created(rc, Set.of("admin", "editor")));
    r.get("/api/campaigns").handler(rc -> allow(rc, Set.of("admin", "editor", "agent"), new JsonObject().put("items", new JsonArray())));
    r.post("/api/campaigns").handler(rc -> created(rc, Set.of("admin", "editor")));
    r.get("/api/conversations").handler(rc -> allow(rc, Set.of("admin", "editor", "agent"),
        new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", "conv-7")))));
    r.get("/api/conversations/:id").handler(rc -> allow(rc, Set.of("admin", "editor", "agent"),
        new JsonObject().put("id", rc.pathParam("id")).put("messages", new JsonArray())));
    r.get("/api/settings/whatsapp").handler(rc -> allow(rc, Set.of("admin"),
        new JsonObject().put("phoneNumberId", "1098765").put("callbackUrl", "https://portal.bizone.id/api/webhooks/whatsapp")));
    r.get("/api/roles").handler(rc -> allow(rc, broken ? Set.of("admin", "agent") : Set.of("admin"), new JsonObject()));
    r.get("/api/users").handler(rc -> allow(rc, Set.of("admin"), new JsonObject()));
  }

  private String role(RoutingContext rc) {
    String t = StandIn.bearer(rc);
    if (t == null) return null;
    return switch (t) {
      case ADMIN -> "admin";
      case EDITOR -> "editor";
      case AGENT -> "agent";
      default -> sessions.containsKey(t) ? "admin" : null;
    };
  }

  private void allow(RoutingContext rc, Set<String> roles, JsonObject body) {
    String role = role(rc);
    if (role == null) StandIn.json(rc, 401, new JsonObject().put("error", "unauthenticated"));
    else if (!roles.contains(role)) StandIn.json(rc, 403, new JsonObject().put("error", "forbidden"));
    else StandIn.json(rc, 200, body);
  }

  private void created(RoutingContext rc, Set<String> roles) {
    String role = role(rc);
    if (role == null) StandIn.json(rc, 401, new JsonObject());
    else if (!roles.contains(role)) StandIn.json(rc, 403, new JsonObject());
    else StandIn.json(rc, 201, new JsonObject().put("id", UUID.randomUUID().toString()));
  }

  private JsonObject issue(String user) {
    String access = UUID.randomUUID().toString();
    String refresh = UUID.randomUUID().toString();
    sessions.put(access, user);
    refreshTokens.put(refresh, user);
    return new JsonObject().put("accessToken", access).put("refreshToken", refresh);
  }

  private void login(RoutingContext rc) {
    JsonObject b = rc.body().asJsonObject();
    if (b != null && "probe@bizone.id".equals(b.getString("email")) && PASSWORD.equals(b.getString("password"))) {
      StandIn.json(rc, 200, issue("probe@bizone.id"));
    } else if (failedLogins.incrementAndGet() > 5) {
      rc.response().setStatusCode(429).putHeader("Retry-After", "60").end();
    } else {
      StandIn.json(rc, 401, new JsonObject().put("error", "invalid credentials"));
    }
  }

  private void handshake(RoutingContext rc) {
    var q = rc.queryParams();
    if ("subscribe".equals(q.get("hub.mode")) && VERIFY_TOKEN.equals(q.get("hub.verify_token"))) {
      rc.response().setStatusCode(200).end(q.get("hub.challenge"));
    } else {
      rc.response().setStatusCode(403).end();
    }
  }

  private void delivery(RoutingContext rc) {
    String expected = "sha256=" + hmac(rc.body().buffer().getBytes());
    String given = rc.request().getHeader("X-Hub-Signature-256");
    boolean valid = given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII));
    rc.response().setStatusCode(valid || broken ? 200 : 401).end();
  }

  private static String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void preflight(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    var resp = rc.response().setStatusCode(204).putHeader("Vary", "Origin");
    if ("https://portal.bizone.id".equals(origin)) {
      resp.putHeader("Access-Control-Allow-Origin", origin)
          .putHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
          .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
          .putHeader("Access-Control-Allow-Credentials", "true");
    }
    resp.end();
  }

  @Override
  public void close() {
    app.close();
    https.close();
  }
}
