package dev.golive.rollout;

import dev.golive.config.WindowConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * When a window opens and closes, computed only from the deployment's stored time: a restart resumes a window where
 * it was, never restarts it. A superseded deployment's windows are closed from the moment it was superseded.
 */
public record WindowTiming(String window, Instant opensAt, Instant closesAt, Instant cutAt) {

  public enum State {
    PENDING, OPEN, CLOSED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The window's span for a deployment; {@code cutAt} is when the deployment was superseded (or null). */
  public static WindowTiming of(WindowConfig w, Instant deployedAt, Instant supersededAt) {
    return new WindowTiming(w.name(), deployedAt.plus(w.from()), deployedAt.plus(w.until()), supersededAt);
  }

  public static WindowTiming of(WindowConfig w, Deployment d) {
    return of(w, d.deployedAt(), d.supersededAt());
  }

  /** Open from {@code opensAt} (inclusive) to {@code closesAt} (exclusive), unless superseded before. */
  public State state(Instant now) {
    if (cutAt != null && !now.isBefore(cutAt)) return State.CLOSED;
    if (now.isBefore(opensAt)) return State.PENDING;
    return now.isBefore(closesAt) ? State.OPEN : State.CLOSED;
  }

  /** True when the window ended on its own (not cut short by a newer deployment). */
  public boolean completed(Instant now) {
    return !now.isBefore(closesAt) && (cutAt == null || !cutAt.isBefore(closesAt));
  }

  /** Time until the next change of state (open or close), or null when it will not change again. */
  public Duration untilNextChange(Instant now) {
    return switch (state(now)) {
      case PENDING -> Duration.between(now, opensAt);
      case OPEN -> Duration.between(now, closesAt);
      case CLOSED -> null;
    };
  }
}
