package dev.golive.probe.headers;

import static dev.golive.probe.WireTesting.observe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeadersObserverTest {
  private static final HeadersProbeKind KIND = new HeadersProbeKind();
  private static final String COOKIE_VALUE = "c00kie-value-never-shown";
  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router r = Router.router(vertx);
    r.get("/good").handler(ctx -> ctx.response()
        .putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload")
        .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .putHeader("Set-Cookie", (Iterable<String>) List.of("session=" + COOKIE_VALUE
            + "; Path=/; Secure; HttpOnly; SameSite=Lax", "prefs=dark; Secure; HttpOnly; SameSite=Strict"))
        .end("ok"));
    r.get("/bad").handler(ctx -> ctx.response()
        .putHeader("Set-Cookie", "session=" + COOKIE_VALUE + "; Path=/")
        .end("ok"));
    r.get("/weak").handler(ctx -> ctx.response()
        .putHeader("Strict-Transport-Security", "max-age=86400")
        .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'")
        .putHeader("X-Content-Type-Options", "sniff")
        .putHeader("X-Frame-Options", "ALLOWALL")
        .putHeader("Referrer-Policy", "unsafe-url")
        .putHeader("Set-Cookie", "session=" + COOKIE_VALUE + "; Secure; SameSite=None")
        .end("ok"));
    r.get("/ancestors").handler(ctx -> ctx.response()
        .putHeader("Content-Security-Policy", "script-src 'self' 'unsafe-inline' 'nonce-abc'; frame-ancestors 'self'")
        .end("ok"));
    r.get("/to-https").handler(ctx -> ctx.response().setStatusCode(301)
        .putHeader("Location", "https://127.0.0.1/to-https").end());
    r.get("/to-http").handler(ctx -> ctx.response().setStatusCode(302)
        .putHeader("Location", "http://127.0.0.1/elsewhere").end());
    port = WireTesting.serve(vertx, r);
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
  }

  @AfterAll
  static void stop() {
    env.close();
    vertx.close();
  }

  private static Observation check(String yaml) throws Exception {
    var parsed = WireTesting.parse(KIND, yaml.replace("PORT", Integer.toString(port)), Map.of());
    assertThat(parsed.problems()).isEmpty();
    return observe(vertx, KIND.observer(parsed.spec(), env, WireTesting.GENEROUS));
  }

  private static final String ALL = "checks: [hsts, csp, nosniff, frame, referrer, cookies]";

  @Test
  @SuppressWarnings("unchecked")
  void wellConfiguredPagePassesEveryCheck() throws Exception {
    Observation o = check("headers: { url: \"http://127.0.0.1:PORT/good\", " + ALL + " }");
    assertThat(o.values()).containsEntry("STATUS", 200).containsEntry("HSTS", true)
        .containsEntry("HSTS_MAX_AGE", Duration.ofDays(365)).containsEntry("HSTS_INCLUDES_SUBDOMAINS", true)
        .containsEntry("HSTS_PRELOAD", true).containsEntry("CSP", true).containsEntry("CSP_UNSAFE_INLINE", false)
        .containsEntry("NOSNIFF", true).containsEntry("FRAME_PROTECTION", true).containsEntry("X_FRAME_OPTIONS", "DENY")
        .containsEntry("REFERRER_POLICY_SAFE", true).containsEntry("COOKIES", 2).containsEntry("COOKIES_SECURE", true)
        .containsEntry("COOKIES_HTTPONLY", true).containsEntry("COOKIES_SAMESITE", true)
        .containsEntry("MISSING", List.of());
    assertThat(o.toString()).doesNotContain(COOKIE_VALUE);
    assertThat((Map<Object, Object>) o.get("HEADER").orElseThrow()).containsEntry("x-frame-options", "DENY")
        .containsEntry("set-cookie", "session=****, prefs=****");
  }

  @Test
  void bareResponseNamesEveryMissingHeader() throws Exception {
    Observation o = check("headers: { url: \"http://127.0.0.1:PORT/bad\", " + ALL + " }");
    assertThat(o.values()).containsEntry("HSTS", false).containsEntry("HSTS_MAX_AGE", Duration.ZERO)
        .containsEntry("CSP", false).doesNotContainKey("CSP_UNSAFE_INLINE").containsEntry("NOSNIFF", false)
        .containsEntry("FRAME_PROTECTION", false).containsEntry("REFERRER_POLICY_SAFE", false)
        .containsEntry("COOKIES_SECURE", false).containsEntry("COOKIES_HTTPONLY", false)
        .containsEntry("COOKIES_SAMESITE", false)
        .containsEntry("WEAK_COOKIES", List.of("session (no Secure, HttpOnly, SameSite)"));
    assertThat(o.get("MISSING").orElseThrow()).isEqualTo(List.of("Strict-Transport-Security",
        "Content-Security-Policy", "X-Content-Type-Options: nosniff", "X-Frame-Options (or CSP frame-ancestors)",
        "Referrer-Policy", "Set-Cookie session (no Secure, HttpOnly, SameSite)"));
    assertThat(o.toString()).doesNotContain(COOKIE_VALUE);
  }

  @Test
  void weakValuesCountAsFailures() throws Exception {
    Observation o = check("""
        headers: { url: "http://127.0.0.1:PORT/weak", checks: [hsts, csp, nosniff, frame, referrer, cookies],
                   csp-forbid-unsafe-inline: true, hsts-include-subdomains: true }
        """);
    assertThat(o.values()).containsEntry("HSTS", true).containsEntry("HSTS_MAX_AGE", Duration.ofDays(1))
        .containsEntry("HSTS_INCLUDES_SUBDOMAINS", false).containsEntry("CSP_UNSAFE_INLINE", true)
        .containsEntry("NOSNIFF", false).containsEntry("FRAME_PROTECTION", false)
        .containsEntry("REFERRER_POLICY", "unsafe-url").containsEntry("REFERRER_POLICY_SAFE", false)
        .containsEntry("COOKIES_SECURE", true).containsEntry("COOKIES_HTTPONLY", false);
    assertThat(o.get("MISSING").orElseThrow().toString()).contains("Strict-Transport-Security max-age 1d < 180d",
        "Strict-Transport-Security includeSubDomains", "Content-Security-Policy without 'unsafe-inline' scripts",
        "Referrer-Policy (unsafe-url leaks URLs)", "Set-Cookie session (no HttpOnly)");
  }

  @Test
  void frameAncestorsProtectsWithoutXFrameOptionsAndNonceNeutralisesUnsafeInline() throws Exception {
    Observation o = check("headers: { url: \"http://127.0.0.1:PORT/ancestors\", checks: [frame, csp] }");
    assertThat(o.values()).containsEntry("FRAME_PROTECTION", true).doesNotContainKey("X_FRAME_OPTIONS")
        .containsEntry("CSP_UNSAFE_INLINE", false).containsEntry("MISSING", List.of());
  }

  @Test
  void onlyChosenChecksCountAsMissing() throws Exception {
    Observation o = check("headers: { url: \"http://127.0.0.1:PORT/bad\", checks: [nosniff] }");
    assertThat(o.get("MISSING").orElseThrow()).isEqualTo(List.of("X-Content-Type-Options: nosniff"));
  }

  @Test
  void plainHttpMustRedirectToHttps() throws Exception {
    Observation good = check("""
        headers: { url: "http://127.0.0.1:PORT/good", checks: [https-redirect],
                   http-url: "http://127.0.0.1:PORT/to-https" }
        """);
    assertThat(good.values()).containsEntry("HTTPS_REDIRECT", true).containsEntry("HTTPS_REDIRECT_STATUS", 301)
        .containsEntry("HTTPS_REDIRECT_LOCATION", "https://127.0.0.1/to-https");
    Observation toHttp = check("""
        headers: { url: "http://127.0.0.1:PORT/good", checks: [https-redirect],
                   http-url: "http://127.0.0.1:PORT/to-http" }
        """);
    assertThat(toHttp.values()).containsEntry("HTTPS_REDIRECT", false).containsEntry("HTTPS_REDIRECT_STATUS", 302);
    Observation served = check("""
        headers: { url: "http://127.0.0.1:PORT/good", checks: [https-redirect] }
        """);
    assertThat(served.values()).containsEntry("HTTPS_REDIRECT", false).containsEntry("HTTPS_REDIRECT_STATUS", 200);
    assertThat(served.get("MISSING").orElseThrow().toString()).contains("redirect from http://127.0.0.1:" + port
        + "/good to https://");
  }

  @Test
  void unreachablePlainHttpIsNotARedirect() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Observation o = check("headers: { url: \"http://127.0.0.1:PORT/good\", checks: [https-redirect], http-url: "
        + "\"http://127.0.0.1:" + closed + "/\" }");
    assertThat(o.values()).containsEntry("HTTPS_REDIRECT", false).containsKey("HTTPS_REDIRECT_ERROR");
  }

  @Test
  void unreachablePageFailsTheObservation() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    var parsed = WireTesting.parse(KIND, "headers: { url: \"http://127.0.0.1:" + closed + "/x\" }", Map.of());
    assertThat(WireTesting.failure(vertx, KIND.observer(parsed.spec(), env, Duration.ofSeconds(3))))
        .startsWith("GET http://127.0.0.1:" + closed + "/x failed");
  }

  @Test
  void defaultConditionsPassTheGoodPageAndNameWhatTheBareOneLacks() throws Exception {
    var good = WireTesting.parse(KIND, "headers: { url: \"http://127.0.0.1:" + port + "/good\" }", Map.of());
    var passed = WireTesting.runWithDefaults(vertx, KIND, good.spec(), env, WireTesting.GENEROUS);
    assertThat(passed.success()).as(passed.summary()).isTrue();
    var weak = WireTesting.parse(KIND, "headers: { url: \"http://127.0.0.1:" + port + "/weak\" }", Map.of());
    var failed = WireTesting.runWithDefaults(vertx, KIND, weak.spec(), env, WireTesting.GENEROUS);
    assertThat(failed.success()).isFalse();
    assertThat(failed.summary()).contains("[HSTS_MAX_AGE]", "1d", "180d");
    assertThat(failed.conditions()).filteredOn(c -> !c.passed()).hasSize(4);
  }
}
