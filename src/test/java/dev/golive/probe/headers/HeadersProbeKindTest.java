package dev.golive.probe.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeKinds;
import dev.golive.probe.WireTesting;
import dev.golive.probe.headers.HeadersSpec.Check;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersProbeKindTest {
  private static final HeadersProbeKind KIND = new HeadersProbeKind();

  private static WireTesting.Parsed<HeadersSpec> parse(String yaml) {
    return WireTesting.parse(KIND, yaml, Map.of());
  }

  @Test
  void isRegistered() {
    assertThat(ProbeKinds.byName("headers")).containsInstanceOf(HeadersProbeKind.class);
  }

  @Test
  void defaultsCheckHstsNosniffFrameAndReferrer() {
    var p = parse("headers: { url: \"https://x.example/\" }");
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().checks()).containsExactlyInAnyOrder(Check.HSTS, Check.NOSNIFF, Check.FRAME, Check.REFERRER);
    assertThat(KIND.defaultConditions(p.spec())).containsExactly("[HSTS] == true", "[HSTS_MAX_AGE] >= 180d",
        "[NOSNIFF] == true", "[FRAME_PROTECTION] == true", "[REFERRER_POLICY_SAFE] == true");
  }

  @Test
  void optionsSwitchOnTheirCheckWhenChecksIsLeftOut() {
    var p = parse("""
        headers: { url: "https://x.example/", csp-forbid-unsafe-inline: true, hsts-min-age: 365d,
                   hsts-preload: true, http-url: "http://x.example/" }
        """);
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().checks()).contains(Check.CSP, Check.HTTPS_REDIRECT);
    assertThat(p.spec().hstsMinAge()).isEqualTo(Duration.ofDays(365));
    assertThat(KIND.defaultConditions(p.spec())).contains("[HSTS_MAX_AGE] >= 365d", "[HSTS_PRELOAD] == true",
        "[CSP] == true", "[CSP_UNSAFE_INLINE] == false", "[HTTPS_REDIRECT] == true");
  }

  @Test
  void httpsRedirectDefaultsToThePlainHttpTwin() {
    var p = parse("headers: { url: \"https://x.example:8443/app?q=1\", checks: [https-redirect, cookies] }");
    assertThat(p.spec().httpUrl()).isEqualTo("http://x.example:8443/app?q=1");
    assertThat(KIND.defaultConditions(p.spec())).containsExactly("[COOKIES_SECURE] == true",
        "[COOKIES_HTTPONLY] == true", "[COOKIES_SAMESITE] == true", "[HTTPS_REDIRECT] == true");
  }

  @Test
  void reportsMistakes() {
    assertThat(parse("headers: { url: \"https://x.example/\", checks: [hsts, xss] }").problems()).singleElement()
        .asString().contains("unknown check 'xss' (known: hsts, csp, nosniff, frame, referrer, cookies, https-redirect)");
    assertThat(parse("headers: { url: \"https://x.example/\", checks: [nosniff], hsts-min-age: 1d }").problems())
        .singleElement().asString()
        .contains("headers.hsts-min-age: applies to the 'hsts' check, which 'checks' does not list");
    assertThat(parse("headers: { url: \"https://x.example/\", http-url: \"https://x.example/\" }").problems())
        .singleElement().asString().contains("the HTTPS redirect check needs an http:// URL");
    assertThat(parse("headers: { checks: [] }").problems()).anyMatch(m -> m.contains("missing required key 'headers.url'"));
    assertThat(parse("headers: { url: \"https://x.example/\", hsts-min-age: soon }").problems()).singleElement()
        .asString().contains("bad duration 'soon'");
  }

  @Test
  void unsafeInlineIsNeutralisedByNoncesAndHashesOnly() {
    assertThat(HeaderAnalysis.unsafeInline(HeaderAnalysis.directives("default-src 'self' 'unsafe-inline'"))).isTrue();
    assertThat(HeaderAnalysis.unsafeInline(HeaderAnalysis.directives(
        "default-src 'self' 'unsafe-inline'; script-src 'self'"))).isFalse();
    assertThat(HeaderAnalysis.unsafeInline(HeaderAnalysis.directives(
        "script-src 'unsafe-inline' 'sha256-abc='"))).isFalse();
    assertThat(HeaderAnalysis.unsafeInline(HeaderAnalysis.directives("img-src *"))).isTrue();
  }
}
