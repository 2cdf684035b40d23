package dev.golive.bench;

import java.time.Duration;

/** Writes a duration the way golive.yaml takes it. */
final class Durations {
  private Durations() {}

  static String text(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
