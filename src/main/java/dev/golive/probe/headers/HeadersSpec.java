package dev.golive.probe.headers;

import dev.golive.probe.tls.TlsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** A validated {@code headers:} block: which checks to apply to the response of {@code url}. */
public record HeadersSpec(
    String url,
    String httpUrl,
    Set<Check> checks,
    Duration hstsMinAge,
    boolean hstsIncludeSubdomains,
    boolean hstsPreload,
    boolean cspForbidUnsafeInline,
    Map<String, String> requestHeaders,
    boolean followRedirects,
    TlsSettings tls) {

  public HeadersSpec {
    checks = Set.copyOf(checks);
    requestHeaders = Map.copyOf(requestHeaders);
  }

  public boolean has(Check c) {
    return checks.contains(c);
  }

  /** The checks a user can choose, by their name in {@code checks:}. */
  public enum Check {
    HSTS("hsts"),
    CSP("csp"),
    NOSNIFF("nosniff"),
    FRAME("frame"),
    REFERRER("referrer"),
    COOKIES("cookies"),
    HTTPS_REDIRECT("https-redirect");

    private final String key;

    Check(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
