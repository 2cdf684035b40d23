package dev.golive.probe.heartbeat;

import java.time.Duration;

/**
 * The validated {@code heartbeat:} block: the job pings at least every {@code period}, and a ping may be up to
 * {@code grace} late. {@code token} authenticates its pings (a secret: never shown, not even by {@link #toString()}).
 * {@code log} is the live end the HTTP route writes to and the observer reads.
 */
public record HeartbeatSpec(Duration period, Duration grace, String token, HeartbeatLog log) {

  /** How long after a ping the next one must have arrived. */
  public Duration deadline() {
    return period.plus(grace);
  }

  @Override
  public String toString() {
    return "HeartbeatSpec[period=" + period + ", grace=" + grace + ", token=****]";
  }
}
