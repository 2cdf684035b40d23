package dev.golive.alert;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off between delivery attempts: {@code initial * 2^(attempt-1)}, capped at {@code max}, spread by
 * {@code ±jitter/2} so receivers coming back are not hit by every golive at once.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("back-off needs 0 < initial <= max and 0 <= jitter <= 1");
    }
  }

  /** The wait before attempt {@code failures + 1}, after {@code failures} (>= 1) failed attempts. */
  public Duration delay(int failures) {
    int shift = Math.min(Math.max(failures, 1) - 1, 30);
    double base = Math.min((double) max.toMillis(), initial.toMillis() * (double) (1L << shift));
    double spread = jitter == 0 ? 1 : 1 + (ThreadLocalRandom.current().nextDouble() - 0.5) * jitter;
    return Duration.ofMillis(Math.max(1, Math.min(max.toMillis(), Math.round(base * spread))));
  }

  /** A receiver's own hint (Retry-After), bounded by {@link #max}. */
  public Duration hint(Duration retryAfter, int failures) {
    if (retryAfter == null || retryAfter.isNegative()) return delay(failures);
    return retryAfter.compareTo(max) > 0 ? max : retryAfter;
  }
}
