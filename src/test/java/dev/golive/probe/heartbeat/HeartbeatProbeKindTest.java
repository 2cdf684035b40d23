package dev.golive.probe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.ConfigNode;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeartbeatProbeKindTest {
  private static final String TOKEN = "hb-token-7f3a9c";
  private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
  private final HeartbeatProbeKind kind = new HeartbeatProbeKind();
  private final ConfigProblems problems = new ConfigProblems();
  private final Secrets secrets = Secrets.of(Map.of("BACKUP_HB_TOKEN", TOKEN));

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private HeartbeatSpec parse(String yaml) {
    ConfigNode root = ConfigNode.parse("golive.yaml", yaml, problems, secrets);
    return kind.parse(root.get("heartbeat").orElseThrow());
  }

  private HeartbeatSpec backup() {
    HeartbeatSpec spec = parse("heartbeat: { period: 1h, grace: 10m, token: \"${env:BACKUP_HB_TOKEN}\" }\n");
    assertThat(problems.sorted()).isEmpty();
    return spec;
  }

  /** What one observation gives: the values, or the error message. */
  private static Object observe(HeartbeatObserver o) throws Exception {
    try {
      Observation obs = o.observe().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      return obs.values();
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause().getMessage();
    }
  }

  @Test
  void readsPeriodGraceAndTheTokenAsASecret() {
    HeartbeatSpec spec = backup();
    assertThat(spec.period()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.grace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.token()).isEqualTo(TOKEN);
    assertThat(spec.toString()).doesNotContain(TOKEN);
    assertThat(secrets.redact("token " + TOKEN)).isEqualTo("token ****");
    assertThat(kind.defaultConditions(spec)).containsExactly("[STATUS] == ok");
  }

  @Test
  void aLiteralTokenIsRedactedToo() {
    parse("heartbeat: { period: 1d, token: literal-token-123 }\n");
    assertThat(problems.sorted()).isEmpty();
    assertThat(secrets.redact("x literal-token-123 y")).isEqualTo("x **** y");
  }

  @Test
  void graceDefaultsToATenthOfThePeriodBetweenAMinuteAndAnHour() {
    assertThat(parse("heartbeat: { period: 1d, token: \"${env:BACKUP_HB_TOKEN}\" }\n").grace())
        .isEqualTo(Duration.ofHours(1));
    assertThat(parse("heartbeat: { period: 5m, token: \"${env:BACKUP_HB_TOKEN}\" }\n").grace())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(parse("heartbeat: { period: 2h, token: \"${env:BACKUP_HB_TOKEN}\" }\n").grace())
        .isEqualTo(Duration.ofMinutes(12));
  }

  @Test
  void rejectsAMissingTokenAShortTokenAMissingPeriodAndUnknownKeys() {
    assertThat(parse("heartbeat: { period: 1h }\n")).isNull();
    assertThat(parse("heartbeat: { period: 1h, token: abc }\n")).isNull();
    assertThat(parse("heartbeat: { token: \"${env:BACKUP_HB_TOKEN}\" }\n")).isNull();
    assertThat(parse("heartbeat: { period: 1h, token: \"${env:BACKUP_HB_TOKEN}\", every: 1h }\n")).isNull();
    assertThat(problems.sorted().toString())
        .contains("missing required key 'heartbeat.token'")
        .contains("at least 8 characters")
        .contains("missing required key 'heartbeat.period'")
        .contains("every")
        .doesNotContain(TOKEN);
  }

  @Test
  void onTimeAPingKeepsTheProbeGreenAndIsObserved() throws Exception {
    HeartbeatSpec spec = backup();
    ManualClock clock = new ManualClock();
    HeartbeatObserver o = new HeartbeatObserver(spec, clock);
    spec.log().offer(new Ping(T0, true, "backup 1.2 GB in 4m", 7));
    clock.now = T0.plus(Duration.ofMinutes(42));
    assertThat(observe(o)).isEqualTo(Map.of("AGE", Duration.ofMinutes(42), "STATUS", "ok",
        "MESSAGE", "backup 1.2 GB in 4m", "LAST_PING", "2026-11-29T02:00:00Z", "PINGS", 7L));
  }

  @Test
  void lateButWithinGraceStillPasses() throws Exception {
    HeartbeatSpec spec = backup();
    ManualClock clock = new ManualClock();
    HeartbeatObserver o = new HeartbeatObserver(spec, clock);
    spec.log().offer(new Ping(T0, true, "", 1));
    clock.now = T0.plus(Duration.ofMinutes(69));
    assertThat(observe(o)).isInstanceOf(Map.class);
    clock.now = T0.plus(Duration.ofMinutes(70));
    assertThat(observe(o)).isInstanceOf(Map.class);
  }

  @Test
  void missedFailsSayingSinceWhenAndTheAllowance() throws Exception {
    HeartbeatSpec spec = backup();
    ManualClock clock = new ManualClock();
    HeartbeatObserver o = new HeartbeatObserver(spec, clock);
    spec.log().offer(new Ping(T0, true, "", 1));
    clock.now = T0.plus(Duration.ofMinutes(70)).plusSeconds(1);
    assertThat(observe(o)).isEqualTo("no ping since 2026-11-29T02:00:00Z (period 1h + grace 10m)");
    // the next ping makes it pass again
    spec.log().offer(new Ping(clock.now, true, "", 2));
    assertThat(observe(o)).isInstanceOf(Map.class);
  }

  @Test
  void aPingReportingFailFailsAtOnceWithItsMessage() throws Exception {
    HeartbeatSpec spec = backup();
    ManualClock clock = new ManualClock();
    HeartbeatObserver o = new HeartbeatObserver(spec, clock);
    spec.log().offer(new Ping(T0, true, "", 1));
    spec.log().offer(new Ping(T0.plusSeconds(5), false, "pg_dump: connection refused", 2));
    clock.now = T0.plusSeconds(6);
    assertThat(observe(o)).isEqualTo("the ping at 2026-11-29T02:00:05Z reported fail: pg_dump: connection refused");
  }

  @Test
  void anOlderPingNeverReplacesANewerOne() throws Exception {
    HeartbeatSpec spec = backup();
    ManualClock clock = new ManualClock();
    spec.log().offer(new Ping(T0.plusSeconds(10), true, "new", 2));
    spec.log().offer(new Ping(T0, false, "old", 1));
    clock.now = T0.plusSeconds(20);
    assertThat(observe(new HeartbeatObserver(spec, clock))).isInstanceOf(Map.class);
  }

  @Test
  void beforeTheFirstPingItIsInconclusiveUntilOneDeadlinePassed() throws Exception {
    HeartbeatSpec spec = backup();
    ManualClock clock = new ManualClock();
    HeartbeatObserver o = new HeartbeatObserver(spec, clock);
    clock.now = T0.plus(Duration.ofMinutes(30));
    assertThat(observe(o)).isEqualTo(Map.of("PINGS", 0L));
    clock.now = T0.plus(Duration.ofMinutes(71));
    assertThat(observe(o)).isEqualTo(
        "no ping since golive started watching at 2026-11-29T02:00:00Z (period 1h + grace 10m)");
  }

  @Test
  void messagesAreBoundedAndStrippedOfControlCharacters() {
    Ping p = new Ping(T0, true, "line1\nline2\u0007" + "x".repeat(2000), 1);
    assertThat(p.message()).hasSize(Ping.MAX_MESSAGE).startsWith("line1 line2 x").endsWith("...");
  }
}
