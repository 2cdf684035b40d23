package dev.golive.probe;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/** A scheduled check: an {@link Observer} plus conditions plus a timeout. Obtain one from {@link Probes}. */
public interface Probe {
  String id();

  String kind();

  Duration interval();

  Duration timeout();

  /**
   * Runs once. Call it on a Vert.x context; completes on that context's thread. The future always succeeds: errors,
   * exceptions and the probe's own timeout (enforced with a timer) become a failed {@link ProbeResult}.
   */
  default Future<ProbeResult> run() {
    return run(null);
  }

  /**
   * Runs once, as scheduled for {@code scheduledAt} (null: now). A run while golive was overloaded (it started later
   * than scheduled by more than a margin, or the event loop stalled during it) is marked
   * ({@link ProbeResult#overloaded()}): inconclusive unless it passed. The timeout covers the probe's own work only.
   */
  Future<ProbeResult> run(Instant scheduledAt);

  void close();
}
