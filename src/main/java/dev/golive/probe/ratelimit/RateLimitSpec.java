package dev.golive.probe.ratelimit;

import dev.golive.probe.tls.TlsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code rate-limit:} block. {@code timeBudget} null means the probe's timeout; the observer never exceeds
 * either budget.
 */
public record RateLimitSpec(
    String url,
    String method,
    Map<String, String> headers,
    String body,
    int maxRequests,
    int concurrency,
    Duration timeBudget,
    boolean requireRetryAfter,
    Set<Integer> limitedStatus,
    TlsSettings tls) {

  public RateLimitSpec {
    headers = Map.copyOf(headers);
    limitedStatus = Set.copyOf(limitedStatus);
  }
}
