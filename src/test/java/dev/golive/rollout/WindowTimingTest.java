package dev.golive.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.WindowConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTimingTest {
  private static final Instant DEPLOYED = Instant.parse("2026-11-29T10:00:00Z");
  private static final WindowConfig FIRST_30M = new WindowConfig("first-30m", Duration.ZERO, Duration.ofMinutes(30),
      List.of());
  private static final WindowConfig DAY_ONE = new WindowConfig("hours-1-24", Duration.ofHours(1), Duration.ofHours(24),
      List.of());

  @Test
  void aWindowIsOpenFromItsStartUntilJustBeforeItsEnd() {
    WindowTiming t = WindowTiming.of(FIRST_30M, DEPLOYED, null);
    assertThat(t.opensAt()).isEqualTo(DEPLOYED);
    assertThat(t.closesAt()).isEqualTo(Instant.parse("2026-11-29T10:30:00Z"));
    assertThat(t.state(DEPLOYED)).isEqualTo(WindowTiming.State.OPEN);
    assertThat(t.state(DEPLOYED.plusSeconds(1799))).isEqualTo(WindowTiming.State.OPEN);
    assertThat(t.state(DEPLOYED.plusSeconds(1800))).isEqualTo(WindowTiming.State.CLOSED);
    assertThat(t.completed(DEPLOYED.plusSeconds(1800))).isTrue();
    assertThat(t.completed(DEPLOYED.plusSeconds(1799))).isFalse();
  }

  @Test
  void aLaterWindowIsPendingUntilItsFromTime() {
    WindowTiming t = WindowTiming.of(DAY_ONE, DEPLOYED, null);
    assertThat(t.state(DEPLOYED.plusSeconds(60))).isEqualTo(WindowTiming.State.PENDING);
    assertThat(t.untilNextChange(DEPLOYED.plusSeconds(60))).isEqualTo(Duration.ofMinutes(59));
    assertThat(t.state(DEPLOYED.plus(Duration.ofHours(1)))).isEqualTo(WindowTiming.State.OPEN);
    assertThat(t.untilNextChange(DEPLOYED.plus(Duration.ofHours(2)))).isEqualTo(Duration.ofHours(22));
    assertThat(t.untilNextChange(DEPLOYED.plus(Duration.ofHours(25)))).isNull();
  }

  @Test
  void afterARestartMidWindowTheSameWindowResumesFromStoredTimes() {
    // the daemon restarts 20 minutes after the deployment: the window has 10 minutes left, not 30
    Instant restartedAt = DEPLOYED.plus(Duration.ofMinutes(20));
    WindowTiming resumed = WindowTiming.of(FIRST_30M, DEPLOYED, null);
    assertThat(resumed.state(restartedAt)).isEqualTo(WindowTiming.State.OPEN);
    assertThat(resumed.untilNextChange(restartedAt)).isEqualTo(Duration.ofMinutes(10));
    assertThat(resumed.opensAt()).isEqualTo(DEPLOYED);
  }

  @Test
  void aSupersededDeploymentsWindowsCloseWhenTheNextOneIsMarked() {
    Instant superseded = DEPLOYED.plus(Duration.ofMinutes(10));
    WindowTiming t = WindowTiming.of(FIRST_30M, DEPLOYED, superseded);
    assertThat(t.state(DEPLOYED.plusSeconds(60))).isEqualTo(WindowTiming.State.OPEN);
    assertThat(t.state(superseded)).isEqualTo(WindowTiming.State.CLOSED);
    assertThat(t.completed(DEPLOYED.plus(Duration.ofHours(1)))).as("cut short, not completed").isFalse();
    assertThat(t.untilNextChange(superseded)).isNull();
  }
}
