package dev.golive.probe.headers;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.headers.HeadersSpec.Check;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code headers:} fetches a page and checks its security headers (HSTS, CSP, nosniff, frame protection,
 * Referrer-Policy, cookie flags) and, if asked, that plain HTTP redirects to HTTPS.
 */
public final class HeadersProbeKind implements ProbeKind<HeadersSpec> {
  static final Duration DEFAULT_HSTS_MIN_AGE = Duration.ofDays(180);
  static final Set<Check> DEFAULT_CHECKS = EnumSet.of(Check.HSTS, Check.NOSNIFF, Check.FRAME, Check.REFERRER);
  private static final Set<String> PLACEHOLDERS = Placeholders.of("STATUS:status HEADER:map MISSING:list HSTS:bool"
      + " HSTS_MAX_AGE:duration HSTS_INCLUDES_SUBDOMAINS:bool HSTS_PRELOAD:bool CSP:bool CSP_UNSAFE_INLINE:bool"
      + " NOSNIFF:bool X_FRAME_OPTIONS:text FRAME_PROTECTION:bool REFERRER_POLICY:text REFERRER_POLICY_SAFE:bool"
      + " COOKIES:count COOKIES_SECURE:bool COOKIES_HTTPONLY:bool COOKIES_SAMESITE:bool WEAK_COOKIES:list"
      + " HTTPS_REDIRECT:bool HTTPS_REDIRECT_STATUS:status HTTPS_REDIRECT_LOCATION:text HTTPS_REDIRECT_ERROR:text");

  @Override
  public String name() {
    return "headers";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public HeadersSpec parse(ConfigNode block) {
    if (!block.allowOnly(TlsSettings.withKeys("url", "checks", "hsts-min-age", "hsts-include-subdomains",
        "hsts-preload", "csp-forbid-unsafe-inline", "http-url", "headers", "follow-redirects"))) {
      return null;
    }
    boolean ok = true;
    String url = url(block, "url", true);
    ok &= url != null;
    Set<Check> checks = EnumSet.noneOf(Check.class);
    boolean explicit = block.has("checks");
    if (explicit) {
      for (ConfigNode n : block.get("checks").get().elements()) {
        String text = n.asString();
        Check c = Arrays.stream(Check.values()).filter(x -> x.key().equalsIgnoreCase(text)).findFirst().orElse(null);
        if (c == null) {
          n.problem("unknown check '" + text + "' (known: "
              + Arrays.stream(Check.values()).map(Check::key).collect(Collectors.joining(", ")) + ")");
          ok = false;
        } else {
          checks.add(c);
        }
      }
      if (checks.isEmpty() && ok) {
        block.get("checks").get().problem("names no check");
        ok = false;
      }
    } else {
      checks.addAll(DEFAULT_CHECKS);
    }
    Duration minAge = block.duration("hsts-min-age", DEFAULT_HSTS_MIN_AGE, Duration.ofDays(3650));
    boolean sub = block.bool("hsts-include-subdomains", false);
    boolean preload = block.bool("hsts-preload", false);
    boolean noInline = block.bool("csp-forbid-unsafe-inline", false);
    ok &= implies(block, checks, explicit, Check.HSTS, "hsts-min-age", "hsts-include-subdomains", "hsts-preload");
    ok &= implies(block, checks, explicit, Check.CSP, "csp-forbid-unsafe-inline");
    ok &= implies(block, checks, explicit, Check.HTTPS_REDIRECT, "http-url");
    String httpUrl = null;
    if (checks.contains(Check.HTTPS_REDIRECT)) {
      httpUrl = block.has("http-url") ? url(block, "http-url", false) : url == null ? null : plainHttp(url);
      if (httpUrl != null && !httpUrl.regionMatches(true, 0, "http://", 0, 7)) {
        block.get("http-url").orElse(block).problem("the HTTPS redirect check needs an http:// URL, got '" + httpUrl
            + "'");
        ok = false;
      }
    }
    var headers = block.stringMap("headers");
    boolean follow = block.bool("follow-redirects", false);
    TlsSettings tls = TlsSettings.read(block);
    if (!ok) return null;
    return new HeadersSpec(url, httpUrl, checks, minAge, sub, preload, noInline, headers, follow, tls);
  }

  /** Options of a check switch it on when {@code checks} was left out, and are a mistake when it was listed without it. */
  private static boolean implies(ConfigNode block, Set<Check> checks, boolean explicit, Check check, String... keys) {
    boolean ok = true;
    for (String key : keys) {
      if (!block.has(key)) continue;
      if (!explicit) {
        checks.add(check);
      } else if (!checks.contains(check)) {
        block.get(key).get().problem("applies to the '" + check.key() + "' check, which 'checks' does not list");
        ok = false;
      }
    }
    return ok;
  }

  private static String plainHttp(String url) {
    return url.regionMatches(true, 0, "https://", 0, 8) ? "http://" + url.substring(8) : url;
  }

  private static String url(ConfigNode block, String key, boolean required) {
    String url = required ? block.requiredString(key) : block.string(key, null);
    if (url == null) return null;
    try {
      URI u = new URI(url);
      if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
        return url;
      }
    } catch (Exception e) {
      // reported below
    }
    block.get(key).get().problem("expected an absolute http:// or https:// URL, got '" + url + "'");
    return null;
  }

  @Override
  public List<String> defaultConditions(HeadersSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec.has(Check.HSTS)) {
      out.add("[HSTS] == true");
      out.add("[HSTS_MAX_AGE] >= " + Durations.format(spec.hstsMinAge()));
      if (spec.hstsIncludeSubdomains()) out.add("[HSTS_INCLUDES_SUBDOMAINS] == true");
      if (spec.hstsPreload()) out.add("[HSTS_PRELOAD] == true");
    }
    if (spec.has(Check.CSP)) {
      out.add("[CSP] == true");
      if (spec.cspForbidUnsafeInline()) out.add("[CSP_UNSAFE_INLINE] == false");
    }
    if (spec.has(Check.NOSNIFF)) out.add("[NOSNIFF] == true");
    if (spec.has(Check.FRAME)) out.add("[FRAME_PROTECTION] == true");
    if (spec.has(Check.REFERRER)) out.add("[REFERRER_POLICY_SAFE] == true");
    if (spec.has(Check.COOKIES)) {
      out.add("[COOKIES_SECURE] == true");
      out.add("[COOKIES_HTTPONLY] == true");
      out.add("[COOKIES_SAMESITE] == true");
    }
    if (spec.has(Check.HTTPS_REDIRECT)) out.add("[HTTPS_REDIRECT] == true");
    return out;
  }

  @Override
  public Observer observer(HeadersSpec spec, ProbeEnvironment env, Duration timeout) {
    return new HeadersObserver(spec, env, timeout);
  }
}
