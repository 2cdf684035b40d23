package dev.golive.plans.debtfollowup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.plans.PlanHarness;
import dev.golive.plans.RollbackDrill;
import dev.golive.verdict.ItemState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debt follow-up plan (seed 000) against its stand-in, healthy and broken. */
class DebtFollowupPlanIT {
  private static final List<String> PROBED = List.of("GO-002", "GO-003", "GO-004", "GO-005", "GO-007", "GO-008");

  @TempDir Path dir;

  @Test
  void planAccountsForEveryItem() throws Exception {
    PlanHarness h;
    try (DebtFollowupStandIn standIn = new DebtFollowupStandIn(false, dir)) {
      h = PlanHarness.load("debt-followup", standIn.env());
    }
    assertThat(h.unaccountedItems()).isEmpty();
    assertThat(h.probedItems()).containsExactlyElementsOf(PROBED);
    assertThat(h.plan().manualReasons()).containsOnlyKeys("GO-001", "GO-006");
    assertThat(h.plan().gates()).extracting(g -> g.id())
        .containsExactly("GO-001", "GO-002", "GO-003", "GO-004", "GO-005", "GO-006", "GO-007", "GO-008");
  }

  @Test
  void healthyStandInTicksEveryProbedItemAndPassesTheirGates() throws Exception {
    try (DebtFollowupStandIn standIn = new DebtFollowupStandIn(false, dir)) {
      PlanHarness.Result r = PlanHarness.load("debt-followup", standIn.env()).check();
      assertThat(r.notDoneProbedItems()).as(r.describe()).isEmpty();
      for (String id : PROBED) {
        assertThat(r.state(id)).isEqualTo(ItemState.DONE);
        assertThat(r.gatePassed(id)).as(id).isTrue();
      }
      // only the two manual gates (sign-off, device testing) wait for a person
      assertThat(r.gatePassed("GO-001")).isFalse();
      assertThat(r.gatePassed("GO-006")).isFalse();
      assertThat(r.state("GO-001")).isEqualTo(ItemState.MANUAL);
    }
  }

  @Test
  void brokenStandInFailsExactlyTheBrokenClaims() throws Exception {
    try (DebtFollowupStandIn standIn = new DebtFollowupStandIn(true, dir)) {
      PlanHarness.Result r = PlanHarness.load("debt-followup", standIn.env()).check();
      assertThat(r.evidenceText()).doesNotContain(
          DebtFollowupStandIn.ADMIN_SECRET,
          DebtFollowupStandIn.SALE,
          DebtFollowupStandIn.MANAGER, DebtFollowupStandIn.QA);
      assertThat(r.failingItems()).as(r.describe()).containsExactly("GO-003", "GO-008");
      assertThat(r.explanation("GO-003")).contains("hasura-metadata", "[BODY].is_consistent (false) == true");
      assertThat(r.explanation("GO-008")).contains("graphql-pentest",
          "manager POST /v1/graphql", "branch_id = B-OTHER-9, expected B-PENTEST-1");
      assertThat(r.gatePassed("GO-003")).isFalse();
      assertThat(r.gatePassed("GO-008")).isFalse();
      assertThat(r.gatePassed("GO-002")).isTrue();
      assertThat(r.go()).isFalse();
    }
  }

  @Test
  void errorRateSpikeAfterADeploymentFiresTheRollbackTrigger() throws Exception {
    try (DebtFollowupStandIn standIn = new DebtFollowupStandIn(false, dir); RollbackDrill drill = new RollbackDrill()) {
      java.util.Map<String, String> env = standIn.env();
      env.put("DEBT_ALERTMANAGER_URL", drill.url());
      env.put("DEBT_PAGERDUTY_URL", drill.url() + "/v2/enqueue");
      PlanHarness h = PlanHarness.load("debt-followup", env);
      java.util.List<String> alerts = drill.fire(h, dir.resolve("data"), "2.0.0", () -> standIn.metrics().put("sum(rate(debt_action_requests_total{outcome=\"error\"}[5m])) / sum(rate(debt_action_requests_total[5m]))", 0.3), "action-failure-ratio", "action-failures");
      assertThat(alerts).anySatisfy(b -> assertThat(b).contains("\"plan\":\"debt-followup\"", "\"trigger\":\"action-failures\"",
          "\"severity\":\"critical\"", "\"version\":\"2.0.0\"", "0.3"));
      assertThat(String.join("\n", alerts)).doesNotContain(DebtFollowupStandIn.PD_KEY, DebtFollowupStandIn.ADMIN_SECRET, DebtFollowupStandIn.SALE);
    }
  }
}
