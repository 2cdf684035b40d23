package dev.golive.probe.heartbeat;

import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Judges the newest ping against the clock. Fails the observation when the deadline passed ("no ping since ...") or
 * the job reported a failure; otherwise observes {@code [AGE]}, {@code [STATUS]}, {@code [MESSAGE]},
 * {@code [LAST_PING]} and {@code [PINGS]}. Before the first ping ever, and until one deadline has passed since golive
 * started watching, nothing is observed, so the probe is inconclusive (the item stays pending) rather than failing.
 * Never blocks: the only I/O is the first read of the stored ping, which the log runs on the store pool.
 */
final class HeartbeatObserver implements dev.golive.probe.Observer {
  private final HeartbeatSpec spec;
  private final Clock clock;
  private final Instant watchingSince;

  HeartbeatObserver(HeartbeatSpec spec, Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.watchingSince = clock.instant();
  }

  @Override
  public Future<Observation> observe() {
    return spec.log().latest().map(ping -> judge(ping.orElse(null)));
  }

  private Observation judge(Ping ping) {
    Instant now = clock.instant();
    String allowance = "(period " + Durations.format(spec.period()) + " + grace " + Durations.format(spec.grace())
        + ")";
    if (ping == null) {
      if (Duration.between(watchingSince, now).compareTo(spec.deadline()) > 0) {
        throw new IllegalStateException("no ping since golive started watching at " + time(watchingSince) + " "
            + allowance);
      }
      return Observation.builder().put(HeartbeatProbeKind.PINGS, 0L).build();
    }
    Duration age = Duration.between(ping.at(), now);
    if (age.isNegative()) age = Duration.ZERO;
    if (age.compareTo(spec.deadline()) > 0) {
      throw new IllegalStateException("no ping since " + time(ping.at()) + " " + allowance
          + (ping.ok() ? "" : "; that ping reported fail" + quoted(ping.message())));
    }
    if (!ping.ok()) {
      throw new IllegalStateException("the ping at " + time(ping.at()) + " reported fail" + quoted(ping.message()));
    }
    return Observation.builder()
        .put(HeartbeatProbeKind.AGE, age.truncatedTo(ChronoUnit.SECONDS))
        .put(HeartbeatProbeKind.STATUS, ping.status())
        .put(HeartbeatProbeKind.MESSAGE, ping.message())
        .put(HeartbeatProbeKind.LAST_PING, time(ping.at()))
        .put(HeartbeatProbeKind.PINGS, ping.count())
        .build();
  }

  private static String quoted(String message) {
    return message == null || message.isEmpty() ? "" : ": " + message;
  }

  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
