package dev.golive.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Baselines keep the values baseline triggers compare against, and nothing of other probes. */
class BaselinesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final Baselines baselines = Baselines.forTriggers(List.of(
      ValuePlan.trigger("slow", "api", "[RESPONSE_TIME] > [BASELINE] * 2", null, 1, "inconclusive", false, null),
      ValuePlan.trigger("errors", "e", "[VALUE] > [BASELINE] * 1.5", null, 1, "inconclusive", false, null),
      ValuePlan.trigger("absolute", "db", "[VALUE] > 0.05", null, 1, "inconclusive", false, null)));

  @Test
  void aResponseTimeBaselineIsTheMeanInSecondsOfTheLastValuesBeforeTheDeployment() {
    record(result("api", Map.of("RESPONSE_TIME", "100ms", "VALUE", 7), T0));
    record(result("api", Map.of("RESPONSE_TIME", "300ms"), T0.plusSeconds(10)));
    record(result("api", Map.of("RESPONSE_TIME", "5s"), T0.plusSeconds(30)));

    assertThat(baselines.mean("api", "RESPONSE_TIME", T0.plusSeconds(20))).isEqualTo(0.2);
    assertThat(baselines.mean("api", "RESPONSE_TIME", T0.minusSeconds(1))).as("nothing before").isNull();
    assertThat(baselines.mean("api", "VALUE", T0.plusSeconds(20))).as("no trigger takes api's [VALUE]").isNull();
  }

  @Test
  void theRingKeepsTheLastValuesOnly() {
    for (int i = 0; i < Baselines.RING + 5; i++) record(result("e", Map.of("VALUE", i), T0.plusSeconds(i)));
    // the last RING values: 5..14
    assertThat(baselines.mean("e", "VALUE", T0.plusSeconds(100))).isEqualTo(9.5);
  }

  @Test
  void probesNoBaselineTriggerWatchesAndFailedRunsAreNotKept() {
    record(result("db", Map.of("VALUE", 0.01), T0));
    record(new ProbeResult("e", "scripted", T0, Duration.ofMillis(5), false, List.of(), Map.of("VALUE", 3.0),
        "connection refused: 127.0.0.1:9"));
    record(result("e", Map.of("VALUE", "not a number"), T0));

    assertThat(baselines.mean("db", "VALUE", T0.plusSeconds(1))).isNull();
    assertThat(baselines.mean("e", "VALUE", T0.plusSeconds(1))).isNull();
  }

  private void record(ProbeResult r) {
    baselines.record(r);
  }

  private static ProbeResult result(String probe, Map<String, Object> observed, Instant at) {
    return new ProbeResult(probe, "scripted", at, Duration.ofMillis(5), true, List.of(), observed, null);
  }
}
