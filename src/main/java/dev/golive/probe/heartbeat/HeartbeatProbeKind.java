package dev.golive.probe.heartbeat;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code heartbeat}: a push probe for cron jobs and backup scripts. The job calls
 * {@code POST /api/heartbeats/{plan}/{probe-id}} with the heartbeat's own token after each run; the probe passes
 * while the last ping is at most {@code period + grace} old and reported success.
 */
public final class HeartbeatProbeKind implements ProbeKind<HeartbeatSpec> {
  static final String AGE = "AGE";
  static final String STATUS = "STATUS";
  static final String MESSAGE = "MESSAGE";
  static final String LAST_PING = "LAST_PING";
  static final String PINGS = "PINGS";
  private static final int MIN_TOKEN = 8;

  @Override
  public String name() {
    return "heartbeat";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("AGE:duration STATUS:text MESSAGE:text LAST_PING:timestamp PINGS:count");
  }

  @Override
  public HeartbeatSpec parse(ConfigNode block) {
    if (!block.expectMap()) return null;
    boolean ok = block.allowOnly("period", "grace", "token");
    Duration period = block.required("period").isPresent() ? block.duration("period", null) : null;
    if (period != null && (period.isZero() || period.isNegative())) {
      block.get("period").orElseThrow().problem("must be longer than 0s");
      period = null;
    }
    ok &= period != null;
    Duration grace = block.duration("grace", period == null ? Duration.ZERO : defaultGrace(period));
    ok &= grace != null;
    String token = block.requiredString("token");
    if (token != null && token.strip().length() < MIN_TOKEN) {
      block.get("token").orElseThrow().problem("must be at least " + MIN_TOKEN
          + " characters (use \"${env:NAME}\" or \"${file:/path}\")");
      token = null;
    }
    ok &= token != null;
    if (!ok) return null;
    block.secrets().register(token.strip());
    return new HeartbeatSpec(period, grace, token.strip(), new HeartbeatLog());
  }

  /** A tenth of the period, at least a minute and at most an hour. */
  static Duration defaultGrace(Duration period) {
    Duration tenth = period.dividedBy(10);
    if (tenth.compareTo(Duration.ofMinutes(1)) < 0) return Duration.ofMinutes(1);
    return tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
  }

  @Override
  public List<String> defaultConditions(HeartbeatSpec spec) {
    return List.of("[STATUS] == ok");
  }

  @Override
  public Observer observer(HeartbeatSpec spec, ProbeEnvironment env, Duration timeout) {
    return new HeartbeatObserver(spec, Clock.systemUTC());
  }
}
