package dev.golive.suggest;

import static dev.golive.suggest.ProbeDraft.map;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Probe templates for what is seen from outside: HTTP, TLS, headers, webhooks, access, journeys, ports, DNS. */
final class WebTemplates {
  static final String BASE = "${var:BASE_URL:-https://app.example.com}";
  static final String HOST = "${var:HOST:-app.example.com}";
  private static final Pattern PORT = Pattern.compile("(?:port|cong|\\bp)\\s*:?\\s*(\\d{2,5})|(\\d{2,5})\\s*/\\s*tcp");
  private static final List<Integer> DEFAULT_CLOSED = List.of(22, 3306, 5432, 6379);
  private static final Pattern DEPENDENCY = Pattern.compile("database|\\bdb\\b|cache|redis|memcache\\w*|queue|broker"
      + "|kafka|rabbitmq|email|smtp|sms|payment|gateway|storage|search|error tracking|sentry"
      + "|external (?:api|system|service)s?|third.party|integrations?|integrasi|tich hop");

  private WebTemplates() {}

  /** The item's own URL when it names one, else the base URL with {@code path}. */
  static String url(Subject s, String path) {
    return s.url().orElse(BASE + path);
  }

  static String host(Subject s) {
    return s.url().map(u -> URI.create(u).getHost()).filter(h -> h != null).orElse(HOST);
  }

  static ProbeDraft health(Subject s) {
    List<String> c = new ArrayList<>(List.of("[STATUS] == 200"));
    Threshold.duration(s.folded()).ifPresent(t -> c.add(t.condition("RESPONSE_TIME", "<")));
    return ProbeDraft.of("health", "http", map("url", url(s, "/health")), c,
        "BASE_URL (or the url) of the service's health endpoint");
  }

  static ProbeDraft responseTime(Subject s) {
    String bound = Threshold.duration(s.folded()).map(t -> t.condition("RESPONSE_TIME", "<"))
        .orElse("[RESPONSE_TIME] < 1s");
    return ProbeDraft.of("response-time", "http", map("url", url(s, "/")), List.of("[STATUS] == 200", bound),
        "point the url at the endpoint the item names");
  }

  static ProbeDraft dependency(Subject s) {
    Matcher m = DEPENDENCY.matcher(s.folded());
    String dep = m.find() ? m.group().replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "") : "dependency";
    return ProbeDraft.of(dep.replace('_', '-'), "http", map("url", url(s, "/health"), "expect-json", true),
        List.of("[STATUS] == 200", "[BODY].checks." + dep + " == up"),
        "assumes the health endpoint reports each dependency under checks; adjust the JSON path");
  }

  static ProbeDraft version(Subject s) {
    Matcher v = Pattern.compile("\\bv?(\\d+\\.\\d+(?:\\.\\d+)?)\\b").matcher(s.folded());
    String cond = v.find() ? "[BODY].version == pat(" + v.group(1) + "*)" : "has([BODY].version) == true";
    return ProbeDraft.of("version", "http", map("url", url(s, "/health"), "expect-json", true),
        List.of("[STATUS] == 200", cond), "the health body should carry the running version");
  }

  static ProbeDraft environment(Subject s) {
    if (s.mentions("debug")) {
      return ProbeDraft.of("no-debug", "http", map("url", url(s, "/golive-not-found-check")),
          List.of("[STATUS] == 404", "[BODY] != pat(*Traceback*)"),
          "a production 404 is short and carries no debug page or stack trace");
    }
    return ProbeDraft.of("environment", "http", map("url", url(s, "/health"), "expect-json", true),
        List.of("[STATUS] == 200", "[BODY].environment == production"),
        "one probe per environment: copy it with STAGING_URL for staging");
  }

  static ProbeDraft integrity(Subject s) {
    return ProbeDraft.of("integrity", "http", map("url", url(s, "/health/integrity"), "expect-json", true),
        List.of("[STATUS] == 200", "[BODY].failed == 0"), "an endpoint that runs the integrity checks");
  }

  static ProbeDraft crafted(Subject s) {
    if (s.mentions("sql.?injection|injeksi sql")) {
      return ProbeDraft.of("sql-injection", "http", map("url", url(s, "/api/search?q=x%27%20OR%20%271%27%3D%271")),
          List.of("[STATUS] == any(200, 400)", "[BODY] != pat(*syntax error*)"), "a search endpoint taking user input");
    }
    if (s.mentions("csrf|xsrf")) {
      return ProbeDraft.of("csrf", "http", map("url", url(s, "/api/session/logout"), "method", "POST",
          "headers", map("Origin", "https://evil.example")), List.of("[STATUS] == 403"),
          "a state-changing endpoint must refuse a cross-site request without a token");
    }
    return ProbeDraft.of("input-validation", "http", map("url", url(s, "/api/validate"), "method", "POST",
        "headers", map("Content-Type", "application/json"), "body", "{\"name\": \"\", \"quantity\": -1}"),
        List.of("[STATUS] == 400"), "an endpoint that validates its input must answer 400 to this body");
  }

  static ProbeDraft mfa(Subject s) {
    return ProbeDraft.of("mfa-required", "http", map("url", url(s, "/api/account/security"),
        "bearer", "${env:NO_MFA_USER_TOKEN}"), List.of("[STATUS] == any(401, 403)"),
        "a session without a second factor must be refused on sensitive routes");
  }

  static ProbeDraft frontend(Subject s) {
    List<String> c = new ArrayList<>(List.of("[STATUS] == 200"));
    Object headers = null;
    if (s.mentions("compress\\w*|gzip|brotli|kompresi|nen")) {
      headers = map("Accept-Encoding", "gzip, br");
      c.add("[HEADER].content-encoding == any(gzip, br)");
    }
    if (s.mentions("cache")) c.add("[HEADER].cache-control == pat(*max-age=*)");
    if (s.mentions("size|ukuran|kich thuoc")) {
      c.add(Threshold.find(s.folded()).stream().filter(t -> t.unit().endsWith("B")).findFirst()
          .map(t -> t.condition("BODY_SIZE", "<")).orElse("[BODY_SIZE] < 2MB"));
    }
    return ProbeDraft.of("static-assets", "http", map("url", url(s, "/assets/app.js"), "headers", headers), c,
        "point the url at the main bundle");
  }

  static ProbeDraft tls(Subject s) {
    String expiry = Threshold.duration(s.folded()).map(t -> t.condition("CERT_EXPIRY", ">"))
        .orElse("[CERT_EXPIRY] > 30d");
    return ProbeDraft.of("tls", "tls", map("host", host(s), "port", 443),
        List.of("[CHAIN_VALID] == true", "[HOSTNAME_MATCHES] == true", expiry, "[TLS_VERSION] >= 1.2"),
        "host (and server-name, ca-file for a private CA)").every("1h", null);
  }

  static ProbeDraft httpsRedirect(Subject s) {
    return ProbeDraft.of("https-redirect", "headers", map("url", url(s, "/"), "checks", List.of("https-redirect")),
        List.of(), "plain http must redirect to https");
  }

  static ProbeDraft headers(Subject s) {
    Set<String> checks = new LinkedHashSet<>();
    if (s.mentions("hsts|strict.transport")) checks.add("hsts");
    if (s.mentions("csp|content.security|xss")) checks.add("csp");
    if (s.mentions("cookie\\w*|session\\w*|sesi|phien")) checks.add("cookies");
    if (s.mentions("frame|clickjack\\w*")) checks.add("frame");
    if (checks.isEmpty() || s.mentions("security headers?|header keamanan|header bao mat")) {
      checks.addAll(List.of("hsts", "nosniff", "frame", "referrer"));
    }
    Object minAge = checks.contains("hsts") ? Threshold.duration(s.folded()).map(Threshold::value).orElse(null) : null;
    return ProbeDraft.of("security-headers", "headers", map("url", url(s, "/"), "checks", List.copyOf(checks),
        "hsts-min-age", minAge), List.of(), null);
  }

  static ProbeDraft cors(Subject s) {
    return ProbeDraft.of("cors", "cors", map("url", url(s, "/api/"), "origin",
        "${var:WEB_ORIGIN:-https://app.example.com}", "method", "POST", "request-headers",
        List.of("Authorization", "Content-Type")), List.of(), "an API route and the web origin allowed to call it");
  }

  static ProbeDraft rateLimit(Subject s) {
    boolean login = s.mentions("log.?in\\w*|sign.?in|masuk|dang nhap");
    List<String> c = new ArrayList<>(List.of("[LIMITED] == true"));
    Matcher n = Pattern.compile("(\\d+)\\s*(?:requests?|req|permintaan|yeu cau|calls?|attempts?|percobaan|lan)")
        .matcher(s.folded());
    int max = 100;
    if (n.find()) {
      int limit = Integer.parseInt(n.group(1));
      c.add("[REQUESTS_UNTIL_LIMITED] <= " + (limit + 1));
      max = Math.min(1000, limit * 2 + 2);
    }
    return ProbeDraft.of(login ? "login-rate-limit" : "rate-limit", "rate-limit", map("url",
        url(s, login ? "/api/login" : "/api/"), "method", login ? "POST" : null, "max-requests", max), c,
        "a cheap route behind the limiter; this probe sends a small burst").every("1h", "20s");
  }

  static ProbeDraft webhook(Subject s) {
    String p = s.provider();
    String url = url(s, "/api/webhooks/" + (p.equals("hmac") ? "incoming" : p));
    return switch (p) {
      case "meta" -> ProbeDraft.of("meta-webhook", "webhook", map("scheme", "meta", "url", url, "verify-token",
          "${env:META_VERIFY_TOKEN}", "app-secret", "${env:META_APP_SECRET}"), List.of(), null);
      case "github" -> ProbeDraft.of("github-webhook", "webhook", map("scheme", "github", "url", url, "app-secret",
          "${env:GITHUB_WEBHOOK_SECRET}"), List.of(), null);
      case "stripe", "slack" -> ProbeDraft.of(p + "-webhook", "webhook", map("scheme", p, "url", url,
          "signing-secret", "${env:" + p.toUpperCase() + "_SIGNING_SECRET}"), List.of(), null);
      default -> ProbeDraft.of("webhook", "webhook", map("scheme", "hmac", "url", url, "signing-secret",
          "${env:WEBHOOK_SIGNING_SECRET}", "header", "X-Signature", "algorithm", "sha256", "encoding", "hex",
          "prefix", "sha256="), List.of(), "set the header and encoding your provider signs with");
    };
  }

  static ProbeDraft access(Subject s) {
    return ProbeDraft.of("access", "access", map("url", url(s, ""), "credentials", map("anonymous", "none",
        "user", map("bearer", "${env:USER_TOKEN}"), "admin", map("bearer", "${env:ADMIN_TOKEN}")),
        "routes", List.of(map("request", "GET /api/admin/users", "expect", map("anonymous", List.of(401),
            "user", List.of(403), "admin", List.of(200))))), List.of(),
        "list the sensitive routes and who may call them; tokens of dedicated test accounts").every("10m", null);
  }

  static ProbeDraft smoke(Subject s) {
    List<Object> steps = List.of(
        map("name", "login", "request", "POST /api/login", "json", map("email", "golive-probe@example.com",
            "password", "${env:SMOKE_PASSWORD}"), "expect", List.of(200), "extract", map("token", "[BODY].token")),
        map("name", "main-page", "request", "GET /api/me", "headers", map("Authorization", "Bearer ${token}"),
            "expect", List.of(200)));
    return ProbeDraft.of("journey", "smoke", map("url", url(s, ""), "steps", steps), List.of(),
        "write the journey the item names, step by step, as a dedicated test account").every(null, "20s");
  }

  static ProbeDraft tcp(Subject s) {
    List<Integer> ports = new ArrayList<>();
    Matcher m = PORT.matcher(s.folded());
    while (m.find()) ports.add(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
    boolean opening = s.mentions("open\\w*|buka|terbuka|mo") && !s.mentions("clos\\w*|tutup|ditutup|dong|block\\w*");
    List<Integer> open = opening && !ports.isEmpty() ? ports : List.of(443);
    List<Integer> closed = opening || ports.isEmpty()
        ? DEFAULT_CLOSED.stream().filter(p -> !open.contains(p)).toList() : ports;
    return ProbeDraft.of("ports", "tcp", map("host", host(s), "open", open, "closed", closed), List.of(),
        "the public host; list the ports that must answer and those that must not").every("10m", null);
  }

  static ProbeDraft dns(Subject s) {
    return ProbeDraft.of("dns", "dns", map("name", host(s), "type", "A", "expect",
        List.of("${var:EXPECTED_IP:-203.0.113.10}"), "resolver", "${var:DNS_RESOLVER:-1.1.1.1:53}"), List.of(),
        "the address the public name must resolve to").every("10m", null);
  }

  static ProbeDraft heartbeat(Subject s) {
    String period = s.mentions("hourly|every hour|per jam|setiap jam|moi gio|hang gio") ? "1h"
        : s.mentions("weekly|mingguan|hang tuan") ? "7d" : Threshold.duration(s.folded()).map(Threshold::value)
            .orElse("1d");
    return ProbeDraft.of("cron-heartbeat", "heartbeat", map("period", period, "token",
        "${env:CRON_HEARTBEAT_TOKEN}"), List.of(),
        "the job pings POST /api/heartbeats/<plan>/<this id> after each run (README: heartbeat)");
  }

  static ProbeDraft command(Subject s) {
    List<String> run = Arrays.stream(s.codeSpan().split("\\s+")).filter(w -> !w.isBlank()).toList();
    return ProbeDraft.of("command", "command", map("run", run), List.of(),
        "the command the checklist names; replace placeholder arguments (upper case) with a test fixture");
  }
}
