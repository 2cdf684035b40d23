package dev.golive.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.GateConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanVerdictTest {

  @Test
  void goNeedsEveryRequiredGateAndIgnoresOptionalOnes() {
    List<GateConfig> gates = List.of(new GateConfig("GO-007", "Performance", true, List.of("a", "b")),
        new GateConfig("nice", "Nice to have", false, List.of("c")));
    PlanVerdict v = PlanVerdict.judge("shop", gates, List.of("a", "b", "c"),
        Map.of("a", ItemState.DONE, "b", ItemState.DONE, "c", ItemState.FAILING));
    assertThat(v.go()).isTrue();
    assertThat(v.gates()).extracting(GateStatus::passed).containsExactly(true, false);
    assertThat(v.gates().get(1).blocking()).containsExactly("c (failing)");
  }

  @Test
  void aRequiredGateWithOneItemNotDoneIsNoGoAndSaysWhich() {
    PlanVerdict v = PlanVerdict.judge("shop", List.of(new GateConfig("sec", "Security", true, List.of("a", "b"))),
        List.of("a", "b"), Map.of("a", ItemState.DONE, "b", ItemState.CONTRADICTED));
    assertThat(v.go()).isFalse();
    assertThat(v.gates().get(0).blocking()).containsExactly("b (contradicted)");
  }

  @Test
  void withoutGatesEveryProbedItemMakesAnImplicitRequiredGate() {
    PlanVerdict pending = PlanVerdict.judge("shop", List.of(), List.of("a"), Map.of("a", ItemState.PASSING));
    assertThat(pending.gates()).singleElement().satisfies(g -> {
      assertThat(g.id()).isEqualTo("all-probed");
      assertThat(g.required()).isTrue();
    });
    assertThat(pending.go()).isFalse();
    assertThat(PlanVerdict.judge("shop", List.of(), List.of("a"), Map.of("a", ItemState.DONE)).go()).isTrue();
  }

  @Test
  void aPlanWithNothingToJudgeIsNotGo() {
    assertThat(PlanVerdict.judge("empty", List.of(), List.of(), Map.of()).go()).isFalse();
  }
}
