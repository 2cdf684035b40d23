package dev.golive.rollout;

import static dev.golive.rollout.TriggerMachine.Signal.BREACH;
import static dev.golive.rollout.TriggerMachine.Signal.CLEAR;
import static dev.golive.rollout.TriggerMachine.Signal.NO_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.rollout.TriggerMachine.Step;
import org.junit.jupiter.api.Test;

class TriggerMachineTest {

  @Test
  void firesAfterExactlyForConsecutiveBreaches() {
    TriggerMachine m = new TriggerMachine(3, "inconclusive");
    assertThat(m.observe(BREACH, null).to()).isEqualTo("pending");
    assertThat(m.observe(BREACH, null).to()).isEqualTo("pending");
    Step third = m.observe(BREACH, null);
    assertThat(third.fired()).isTrue();
    assertThat(third.consecutive()).isEqualTo(3);
    assertThat(m.observe(BREACH, null)).as("still firing: no change").isNull();
  }

  @Test
  void aClearEvaluationBreaksTheStreak() {
    TriggerMachine m = new TriggerMachine(3, "inconclusive");
    m.observe(BREACH, null);
    m.observe(BREACH, null);
    assertThat(m.observe(CLEAR, null).to()).isEqualTo("ok");
    m.observe(BREACH, null);
    m.observe(BREACH, null);
    assertThat(m.firing()).isFalse();
    assertThat(m.observe(BREACH, null).fired()).isTrue();
  }

  @Test
  void withoutAResolveRuleItResolvesWhenTheFireConditionStopsHolding() {
    TriggerMachine m = new TriggerMachine(1, "inconclusive");
    assertThat(m.observe(BREACH, null).fired()).isTrue();
    Step s = m.observe(CLEAR, null);
    assertThat(s.resolved()).isTrue();
    assertThat(m.state()).isEqualTo("ok");
  }

  @Test
  void withAResolveRuleItKeepsFiringUntilTheResolveConditionHolds() {
    TriggerMachine m = new TriggerMachine(1, "inconclusive");
    m.observe(BREACH, false);
    assertThat(m.observe(CLEAR, false)).as("fire stopped but resolve does not hold yet").isNull();
    assertThat(m.firing()).isTrue();
    assertThat(m.observe(CLEAR, true).resolved()).isTrue();
  }

  @Test
  void noDataFailCountsAsABreach() {
    TriggerMachine m = new TriggerMachine(2, "fail");
    m.observe(NO_DATA, null);
    assertThat(m.observe(NO_DATA, null).fired()).isTrue();
  }

  @Test
  void noDataIgnoreSkipsTheEvaluationSilently() {
    TriggerMachine m = new TriggerMachine(2, "ignore");
    m.observe(BREACH, null);
    assertThat(m.observe(NO_DATA, null)).isNull();
    assertThat(m.noData()).isFalse();
    assertThat(m.observe(BREACH, null).fired()).as("the streak carries over the gap").isTrue();
  }

  @Test
  void noDataInconclusiveKeepsTheStateAndSaysSoOnce() {
    TriggerMachine m = new TriggerMachine(1, "inconclusive");
    m.observe(BREACH, null);
    Step s = m.observe(NO_DATA, null);
    assertThat(s.noData()).isTrue();
    assertThat(s.to()).isEqualTo("firing");
    assertThat(s.resolved()).isFalse();
    assertThat(m.observe(NO_DATA, null)).as("recorded once").isNull();
    assertThat(m.firing()).isTrue();
    assertThat(m.observe(CLEAR, null).resolved()).isTrue();
    assertThat(m.noData()).isFalse();
  }

  @Test
  void closingAFiringTriggerResolvesIt() {
    TriggerMachine m = new TriggerMachine(1, "fail");
    m.observe(BREACH, null);
    assertThat(m.close().resolved()).isTrue();
    assertThat(m.close()).isNull();
  }

  @Test
  void aRestoredStateContinuesTheCount() {
    TriggerMachine m = new TriggerMachine(3, "fail");
    m.restore("pending", 2, false);
    assertThat(m.observe(BREACH, null).fired()).isTrue();
  }
}
