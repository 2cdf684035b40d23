package dev.golive.probe;

import io.vertx.core.Future;
import java.time.Duration;

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
  Future<ProbeResult> run();

  void close();
}
