package dev.golive.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.ConditionResult;
import dev.golive.config.TriggerConfig;
import dev.golive.probe.ProbeResult;
import dev.golive.rollout.TriggerMachine.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  static ProbeResult value(String probe, Object v) {
    return new ProbeResult(probe, "scripted", T0, Duration.ofMillis(5), true, List.of(), Map.of("VALUE", v), null);
  }

  static ProbeResult failed(String probe) {
    return new ProbeResult(probe, "http", T0, Duration.ofMillis(5), false,
        List.of(ConditionResult.failed("[STATUS] == 200", "[STATUS] (503) == 200")), Map.of("STATUS", 503), null);
  }

  static ProbeResult inconclusive(String probe) {
    return new ProbeResult(probe, "http", T0, Duration.ofMillis(5), false,
        List.of(ConditionResult.noData("[BODY].x == 1", "[BODY].x (no data) == 1")), Map.of(), null);
  }

  @Test
  void aBaselineConditionComparesAgainstThePreDeployValue() {
    TriggerConfig t = ValuePlan.trigger("latency", "p95", "[VALUE] > [BASELINE] * 1.5", null, 1, "inconclusive", false,
        null);
    assertThat(TriggerEvaluator.condition(t, value("p95", 0.29), 0.2).fire()).isEqualTo(Signal.CLEAR);
    TriggerEvaluator.Evaluation e = TriggerEvaluator.condition(t, value("p95", 0.31), 0.2);
    assertThat(e.fire()).isEqualTo(Signal.BREACH);
    assertThat(e.value()).isEqualTo("0.31");
    assertThat(e.observed()).contains("0.31");
  }

  @Test
  void theFloorStopsATinyBaselineFromCausingAlarms() {
    TriggerConfig t = ValuePlan.trigger("errors", "e", "[VALUE] > [BASELINE] * 2", null, 1, "inconclusive", false,
        0.01);
    Double tiny = 0.0001;
    assertThat(TriggerEvaluator.effectiveBaseline(t, tiny)).isEqualTo(0.01);
    assertThat(TriggerEvaluator.condition(t, value("e", 0.005), TriggerEvaluator.effectiveBaseline(t, tiny)).fire())
        .as("0.005 is 50x the tiny baseline but below twice the floor").isEqualTo(Signal.CLEAR);
    assertThat(TriggerEvaluator.condition(t, value("e", 0.03), TriggerEvaluator.effectiveBaseline(t, tiny)).fire())
        .isEqualTo(Signal.BREACH);
    assertThat(TriggerEvaluator.effectiveBaseline(t, 0.5)).as("the floor only raises").isEqualTo(0.5);
    assertThat(TriggerEvaluator.effectiveBaseline(t, null)).as("no pre-deploy values: the floor").isEqualTo(0.01);
  }

  @Test
  void withoutABaselineTheConditionHasNoData() {
    TriggerConfig t = ValuePlan.trigger("latency", "p95", "[VALUE] > [BASELINE] * 1.5", null, 1, "inconclusive", false,
        null);
    assertThat(TriggerEvaluator.condition(t, value("p95", 9.0), null).fire()).isEqualTo(Signal.NO_DATA);
  }

  @Test
  void responseTimeBaselinesAreDurations() {
    TriggerConfig t = ValuePlan.trigger("slow", "api", "[RESPONSE_TIME] > [BASELINE] * 2", null, 1, "inconclusive",
        false, null);
    assertThat(TriggerEvaluator.baselineOf(t)).isEqualTo("RESPONSE_TIME");
    ProbeResult r = new ProbeResult("api", "http", T0, Duration.ofMillis(5), true, List.of(),
        Map.of("RESPONSE_TIME", "450ms"), null);
    assertThat(TriggerEvaluator.condition(t, r, 0.2).fire()).isEqualTo(Signal.BREACH);
    assertThat(TriggerEvaluator.condition(t, r, 0.3).fire()).isEqualTo(Signal.CLEAR);
    assertThat(TriggerEvaluator.show(t, 0.2)).isEqualTo("200ms");
  }

  @Test
  void aFailedObservationIsNoData() {
    TriggerConfig t = ValuePlan.trigger("errors", "e", "[VALUE] > 0.05", null, 1, "fail", false, null);
    ProbeResult error = new ProbeResult("e", "scripted", T0, Duration.ofMillis(5), false, List.of(), Map.of(),
        "connection refused");
    TriggerEvaluator.Evaluation e = TriggerEvaluator.condition(t, error, null);
    assertThat(e.fire()).isEqualTo(Signal.NO_DATA);
    assertThat(e.observed()).contains("connection refused");
  }

  @Test
  void theCompositeFiresWhenAtLeastNCriticalProbesFailAtOnce() {
    TriggerConfig t = new TriggerConfig("critical-down", null, List.of(), null, null, 1, "critical", "inconclusive",
        false, null, List.of("a", "b", "c"), 2);
    assertThat(TriggerEvaluator.composite(t, Map.of("a", failed("a"), "b", value("b", 1))).fire())
        .isEqualTo(Signal.CLEAR);
    assertThat(TriggerEvaluator.composite(t, Map.of("a", failed("a"), "b", inconclusive("b"), "c", value("c", 1)))
        .fire()).as("an inconclusive result is not a failure").isEqualTo(Signal.CLEAR);
    TriggerEvaluator.Evaluation e = TriggerEvaluator.composite(t, Map.of("a", failed("a"), "c", failed("c")));
    assertThat(e.fire()).isEqualTo(Signal.BREACH);
    assertThat(e.observed()).isEqualTo("2 of 3 critical probes failing [a, c]");
    assertThat(TriggerEvaluator.threshold(t)).isEqualTo("at least 2 of [a, b, c] failing");
  }
}
