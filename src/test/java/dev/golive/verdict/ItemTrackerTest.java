package dev.golive.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.checklist.DeclaredState;
import org.junit.jupiter.api.Test;

class ItemTrackerTest {

  private static ItemTracker probed(DeclaredState declared) {
    return new ItemTracker("GO-001", declared, true, 2, 2);
  }

  @Test
  void ticksOnlyAfterConsecutivePasses() {
    ItemTracker t = probed(DeclaredState.UNCHECKED);
    assertThat(t.state()).isEqualTo(ItemState.PENDING);
    assertThat(t.observe(true)).isEqualTo(ItemState.PASSING);
    assertThat(t.observe(true)).isEqualTo(ItemState.DONE);
  }

  @Test
  void aFailureBetweenPassesRestartsTheCount() {
    ItemTracker t = probed(DeclaredState.UNCHECKED);
    t.observe(true);
    assertThat(t.observe(false)).isEqualTo(ItemState.FAILING);
    assertThat(t.observe(true)).isEqualTo(ItemState.PASSING);
    assertThat(t.observe(true)).isEqualTo(ItemState.DONE);
  }

  @Test
  void aDoneItemSurvivesOneFailureAndRegressesAfterRepeatedFailures() {
    ItemTracker t = probed(DeclaredState.UNCHECKED);
    t.observe(true);
    t.observe(true);
    assertThat(t.observe(false)).isEqualTo(ItemState.DONE);
    assertThat(t.observe(false)).isEqualTo(ItemState.REGRESSED);
    assertThat(t.observe(true)).as("stays visible until it ticks again").isEqualTo(ItemState.REGRESSED);
    assertThat(t.observe(true)).isEqualTo(ItemState.DONE);
  }

  @Test
  void aClaimedItemWhoseProbeKeepsFailingIsContradicted() {
    ItemTracker t = probed(DeclaredState.CHECKED);
    assertThat(t.observe(false)).isEqualTo(ItemState.PENDING);
    assertThat(t.observe(false)).isEqualTo(ItemState.CONTRADICTED);
    t.observe(true);
    assertThat(t.observe(true)).isEqualTo(ItemState.DONE);
  }

  @Test
  void itemsWithoutProbesAreManualUnlessTheFileClaimsThem() {
    assertThat(new ItemTracker("a", DeclaredState.UNCHECKED, false, 2, 2).state()).isEqualTo(ItemState.MANUAL);
    assertThat(new ItemTracker("b", DeclaredState.CHECKED, false, 2, 2).state()).isEqualTo(ItemState.DONE);
  }

  @Test
  void peopleTickOnlyItemsWithoutProbes() {
    ItemTracker manual = new ItemTracker("a", DeclaredState.UNCHECKED, false, 2, 2);
    assertThat(manual.manual(true)).isEqualTo(ItemState.DONE);
    assertThat(manual.manual(false)).isEqualTo(ItemState.MANUAL);
    assertThatThrownBy(() -> probed(DeclaredState.UNCHECKED).manual(true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ticked by probes");
  }

  @Test
  void observationsDoNotMoveManualItems() {
    ItemTracker manual = new ItemTracker("a", DeclaredState.UNCHECKED, false, 2, 2);
    assertThat(manual.observe(true)).isEqualTo(ItemState.MANUAL);
  }

  @Test
  void passesToTickIsConfigurable() {
    ItemTracker t = new ItemTracker("x", DeclaredState.UNCHECKED, true, 3, 1);
    t.observe(true);
    t.observe(true);
    assertThat(t.state()).isEqualTo(ItemState.PASSING);
    assertThat(t.observe(true)).isEqualTo(ItemState.DONE);
    assertThat(t.observe(false)).as("failures-to-regress 1").isEqualTo(ItemState.REGRESSED);
  }
}
