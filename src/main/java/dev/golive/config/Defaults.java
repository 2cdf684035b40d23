package dev.golive.config;

import java.time.Duration;

/** Plan-wide defaults: probe schedule and the debounce of ticks and regressions. */
public record Defaults(Duration interval, Duration timeout, int passesToTick, int failuresToRegress) {
  public static final Defaults STANDARD = new Defaults(Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 2);
}
