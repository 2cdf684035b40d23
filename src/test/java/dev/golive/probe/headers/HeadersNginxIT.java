package dev.golive.probe.headers;

import static dev.golive.probe.WireTesting.observe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.demo.Certificates;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.tls.TlsProbeKind;
import dev.golive.probe.Nginx;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The headers probe against a real nginx (Debian package {@code nginx}), started by the test as the current user in a
 * temporary prefix: one server with security headers, one without, one that redirects plain HTTP to HTTPS.
 */
class HeadersNginxIT {
  private static final HeadersProbeKind KIND = new HeadersProbeKind();
  private static Path prefix;
  private static Nginx nginx;
  private static int secure;
  private static int bare;
  private static int redirect;
  private static int goodTls;
  private static int expiredTls;
  private static Certificates.PemFiles good;
  private static Vertx vertx;
  private static ProbeEnvironment env;

  @BeforeAll
  static void startNginx() throws Exception {
    prefix = Nginx.prefix("golive-nginx");
    secure = Nginx.freePort();
    bare = Nginx.freePort();
    redirect = Nginx.freePort();
    goodTls = Nginx.freePort();
    expiredTls = Nginx.freePort();
    Instant now = Instant.now();
    good = Certificates.localhost(prefix.resolve("tls"), "good", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)));
    Certificates.PemFiles expired = Certificates.localhost(prefix.resolve("tls"), "expired",
        now.minus(Duration.ofDays(120)), now.minus(Duration.ofDays(30)));
    nginx = Nginx.start(prefix, """
          server {
            listen 127.0.0.1:%1$d;
            add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
            add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
            add_header X-Content-Type-Options nosniff always;
            add_header X-Frame-Options DENY always;
            add_header Referrer-Policy strict-origin-when-cross-origin always;
            add_header Set-Cookie "sid=opaque-session-id; Path=/; Secure; HttpOnly; SameSite=Strict" always;
            location / { return 200 "secure\\n"; }
          }
          server {
            listen 127.0.0.1:%2$d;
            add_header Set-Cookie "sid=opaque-session-id; Path=/";
            location / { return 200 "bare\\n"; }
          }
          server {
            listen 127.0.0.1:%3$d;
            location / { return 301 https://$host$request_uri; }
          }
          server {
            listen 127.0.0.1:%4$d ssl;
            ssl_certificate %5$s;
            ssl_certificate_key %6$s;
            ssl_protocols TLSv1.2 TLSv1.3;
            add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
            location / { return 200 "tls\n"; }
          }
          server {
            listen 127.0.0.1:%7$d ssl;
            ssl_certificate %8$s;
            ssl_certificate_key %9$s;
            location / { return 200 "expired\n"; }
          }
        """.formatted(secure, bare, redirect, goodTls, good.cert(), good.key(), expiredTls, expired.cert(),
        expired.key()), secure, bare, redirect, goodTls, expiredTls);
    vertx = Vertx.vertx();
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
  }

  @AfterAll
  static void stopNginx() throws Exception {
    if (env != null) env.close();
    if (vertx != null) vertx.close();
    if (nginx != null) nginx.close();
  }

  private static Observation check(String yaml) throws Exception {
    var parsed = WireTesting.parse(KIND, yaml, Map.of());
    assertThat(parsed.problems()).isEmpty();
    return observe(vertx, KIND.observer(parsed.spec(), env, WireTesting.GENEROUS));
  }

  @Test
  void hardenedServerPassesEveryCheck() throws Exception {
    Observation o = check("""
        headers:
          url: "http://127.0.0.1:%d/"
          checks: [hsts, csp, nosniff, frame, referrer, cookies, https-redirect]
          hsts-min-age: 365d
          hsts-include-subdomains: true
          hsts-preload: true
          csp-forbid-unsafe-inline: true
          http-url: "http://127.0.0.1:%d/login?next=/"
        """.formatted(secure, redirect));
    assertThat(o.values()).containsEntry("STATUS", 200).containsEntry("HSTS_MAX_AGE", Duration.ofDays(730))
        .containsEntry("HSTS_INCLUDES_SUBDOMAINS", true).containsEntry("HSTS_PRELOAD", true)
        .containsEntry("CSP", true).containsEntry("CSP_UNSAFE_INLINE", false).containsEntry("NOSNIFF", true)
        .containsEntry("FRAME_PROTECTION", true).containsEntry("REFERRER_POLICY_SAFE", true)
        .containsEntry("COOKIES", 1).containsEntry("COOKIES_SECURE", true).containsEntry("HTTPS_REDIRECT", true)
        .containsEntry("HTTPS_REDIRECT_STATUS", 301)
        .containsEntry("HTTPS_REDIRECT_LOCATION", "https://127.0.0.1/login?next=/")
        .containsEntry("MISSING", List.of());
    assertThat(o.toString()).doesNotContain("opaque-session-id");
    assertThat(o.get("HEADER").orElseThrow().toString()).contains("server=nginx");
  }

  @Test
  void defaultServerIsMissingTheDefaultHeaders() throws Exception {
    Observation o = check("""
        headers: { url: "http://127.0.0.1:%d/", checks: [hsts, nosniff, frame, referrer, cookies, https-redirect] }
        """.formatted(bare));
    assertThat(o.values()).containsEntry("HSTS", false).containsEntry("NOSNIFF", false)
        .containsEntry("FRAME_PROTECTION", false).containsEntry("REFERRER_POLICY_SAFE", false)
        .containsEntry("COOKIES_SECURE", false).containsEntry("HTTPS_REDIRECT", false)
        .containsEntry("HTTPS_REDIRECT_STATUS", 200);
    assertThat(o.get("MISSING").orElseThrow()).isEqualTo(List.of("Strict-Transport-Security",
        "X-Content-Type-Options: nosniff", "X-Frame-Options (or CSP frame-ancestors)", "Referrer-Policy",
        "Set-Cookie sid (no Secure, HttpOnly, SameSite)", "redirect from http://127.0.0.1:" + bare
            + "/ to https://"));
  }

  @Test
  void tlsProbeTrustsTheWellConfiguredServerAndRefutesTheExpiredCertificate() throws Exception {
    TlsProbeKind tls = new TlsProbeKind();
    String block = "tls: { host: 127.0.0.1, port: %d, server-name: localhost, ca-file: \"%s\" }";
    var fine = WireTesting.parse(tls, block.formatted(goodTls, good.caCert()), Map.of());
    assertThat(fine.problems()).isEmpty();
    ProbeResult ok = WireTesting.runWithDefaults(vertx, tls, fine.spec(), env, WireTesting.GENEROUS);
    assertThat(ok.success()).as(ok.summary()).isTrue();
    assertThat(ok.observed()).containsEntry("CHAIN_VALID", true).containsEntry("HOSTNAME_MATCHES", true);
    assertThat(ok.observed().get("TLS_VERSION").toString()).isIn("1.2", "1.3");

    // nginx serves the expired certificate; the probe still reads it and says what is wrong
    var old = WireTesting.parse(tls, block.formatted(expiredTls, good.caCert()), Map.of());
    ProbeResult refuted = WireTesting.runWithDefaults(vertx, tls, old.spec(), env, WireTesting.GENEROUS);
    assertThat(refuted.success()).isFalse();
    assertThat(refuted.summary()).containsAnyOf("[CHAIN_VALID] (false) == true", "[CERT_EXPIRY] (-");
  }
}
