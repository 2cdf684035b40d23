package dev.golive.probe.cors;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code cors:} sends two preflight requests: one from the site's own origin, which must be allowed, and one from a
 * foreign origin, which must not be echoed back; a wildcard origin must never come with credentials.
 */
public final class CorsProbeKind implements ProbeKind<CorsSpec> {
  static final String DEFAULT_FOREIGN_ORIGIN = "https://evil.example";
  private static final Set<String> PLACEHOLDERS = Placeholders.of("PREFLIGHT_STATUS:status ALLOW_ORIGIN:text"
      + " ORIGIN_ALLOWED:bool ALLOW_CREDENTIALS:bool ALLOW_METHODS:text METHOD_ALLOWED:bool ALLOW_HEADERS:text"
      + " HEADERS_ALLOWED:bool VARY_ORIGIN:bool FOREIGN_STATUS:status FOREIGN_ALLOW_ORIGIN:text FOREIGN_ECHOED:bool"
      + " FOREIGN_ALLOWED:bool WILDCARD:bool WILDCARD_WITH_CREDENTIALS:bool");

  @Override
  public String name() {
    return "cors";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public CorsSpec parse(ConfigNode block) {
    if (!block.allowOnly(TlsSettings.withKeys("url", "origin", "foreign-origin", "method", "request-headers",
        "headers"))) {
      return null;
    }
    String url = block.requiredString("url");
    boolean ok = url != null;
    if (url != null && !isUrl(url, true)) {
      block.get("url").get().problem("expected an absolute http:// or https:// URL, got '" + url + "'");
      ok = false;
    }
    String origin = origin(block, "origin", null);
    if (origin == null && !block.has("origin")) block.required("origin");
    String foreign = origin(block, "foreign-origin", DEFAULT_FOREIGN_ORIGIN);
    ok &= origin != null && foreign != null;
    if (ok && origin.equalsIgnoreCase(foreign)) {
      block.get("foreign-origin").orElse(block).problem("must differ from origin '" + origin + "'");
      ok = false;
    }
    String method = block.string("method", "GET");
    if (method != null && !method.matches("[A-Za-z]+")) {
      block.get("method").get().problem("expected an HTTP method such as GET or POST, got '" + method + "'");
      ok = false;
    }
    List<String> requestHeaders = block.strings("request-headers");
    var headers = block.stringMap("headers");
    TlsSettings tls = TlsSettings.read(block);
    if (!ok || method == null) return null;
    return new CorsSpec(url, origin, foreign, method.toUpperCase(Locale.ROOT), requestHeaders, headers, tls);
  }

  /** An origin is scheme://host[:port], with no path. */
  private static String origin(ConfigNode block, String key, String fallback) {
    String o = block.string(key, fallback);
    if (o == null) return null;
    String trimmed = o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    if (!isUrl(trimmed, false)) {
      block.get(key).get().problem("expected an origin such as https://app.example.com (scheme, host and port only), got '"
          + o + "'");
      return null;
    }
    return trimmed;
  }

  private static boolean isUrl(String text, boolean pathAllowed) {
    try {
      URI u = new URI(text);
      boolean web = "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
      boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
          && u.getRawFragment() == null;
      return web && u.getHost() != null && (pathAllowed || bare);
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public List<String> defaultConditions(CorsSpec spec) {
    List<String> out = new ArrayList<>(List.of("[ORIGIN_ALLOWED] == true", "[METHOD_ALLOWED] == true"));
    if (!spec.requestHeaders().isEmpty()) out.add("[HEADERS_ALLOWED] == true");
    out.add("[FOREIGN_ECHOED] == false");
    out.add("[WILDCARD_WITH_CREDENTIALS] == false");
    return out;
  }

  @Override
  public Observer observer(CorsSpec spec, ProbeEnvironment env, Duration timeout) {
    return new CorsObserver(spec, env, timeout);
  }
}
