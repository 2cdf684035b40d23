package dev.golive.probe.ratelimit;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code rate-limit:} sends requests, a few at a time, until the endpoint answers 429; bounded by a request budget
 * ({@code max-requests}, at most {@value #HARD_CAP}) and a time budget no longer than the probe's timeout. Opt-in by
 * nature (only probes that name it run it) and meant for long intervals.
 */
public final class RateLimitProbeKind implements ProbeKind<RateLimitSpec> {
  static final int HARD_CAP = 1000;
  static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
  static final int DEFAULT_MAX_REQUESTS = 100;
  static final int DEFAULT_CONCURRENCY = 4;
  static final int MAX_CONCURRENCY = 16;
  private static final Set<String> PLACEHOLDERS = Placeholders.of("LIMITED:bool REQUESTS_UNTIL_LIMITED:count"
      + " REQUESTS:count RETRY_AFTER:duration RETRY_AFTER_PRESENT:bool LIMITED_STATUS:status STATUS_COUNTS:map"
      + " ELAPSED:duration");

  @Override
  public String name() {
    return "rate-limit";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public RateLimitSpec parse(ConfigNode block) {
    if (!block.allowOnly(TlsSettings.withKeys("url", "method", "headers", "body", "max-requests", "concurrency",
        "time-budget", "require-retry-after", "limited-status"))) {
      return null;
    }
    String url = block.requiredString("url");
    boolean ok = url != null;
    if (url != null && !isUrl(url)) {
      block.get("url").get().problem("expected an absolute http:// or https:// URL, got '" + url + "'");
      ok = false;
    }
    String method = block.string("method", "GET");
    if (method != null && !method.matches("[A-Za-z]+")) {
      block.get("method").get().problem("expected an HTTP method such as GET or POST, got '" + method + "'");
      ok = false;
    }
    int max = block.integer("max-requests", DEFAULT_MAX_REQUESTS, 1, HARD_CAP);
    int concurrency = block.integer("concurrency", DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
    Duration budget = null;
    if (block.has("time-budget")) {
      budget = block.duration("time-budget", null);
      if (budget != null && (budget.isZero() || budget.isNegative())) {
        block.get("time-budget").get().problem("must be positive");
        ok = false;
      }
      ok &= budget != null;
    }
    boolean retryAfter = block.bool("require-retry-after", false);
    Set<Integer> limited = new LinkedHashSet<>();
    for (ConfigNode n : block.get("limited-status").map(ConfigNode::elements).orElse(List.of())) {
      String text = n.asString();
      try {
        int code = Integer.parseInt(text == null ? "" : text.trim());
        if (code < 100 || code > 599) throw new NumberFormatException();
        limited.add(code);
      } catch (NumberFormatException e) {
        n.problem("expected an HTTP status code such as 429, got '" + text + "'");
        ok = false;
      }
    }
    if (limited.isEmpty()) limited.add(429);
    var headers = block.stringMap("headers");
    String body = block.string("body", null);
    TlsSettings tls = TlsSettings.read(block);
    if (!ok || method == null) return null;
    return new RateLimitSpec(url, method.toUpperCase(Locale.ROOT), headers, body, max, Math.min(concurrency, max),
        budget, retryAfter, limited, tls);
  }

  private static boolean isUrl(String text) {
    try {
      URI u = new URI(text);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }

  /** An hour, whatever the plan's default: a burst of requests every 30 seconds would be a load test. */
  @Override
  public Duration defaultInterval(Duration planDefault) {
    return DEFAULT_INTERVAL;
  }

  @Override
  public List<String> defaultConditions(RateLimitSpec spec) {
    List<String> out = new ArrayList<>(List.of("[LIMITED] == true"));
    if (spec.requireRetryAfter()) out.add("[RETRY_AFTER_PRESENT] == true");
    return out;
  }

  @Override
  public Observer observer(RateLimitSpec spec, ProbeEnvironment env, Duration timeout) {
    return new RateLimitObserver(spec, env, timeout);
  }
}
