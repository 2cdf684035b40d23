package dev.golive.plans.bizoneweb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.plans.PlanHarness;
import dev.golive.plans.RollbackDrill;
import dev.golive.verdict.ItemState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bizone-web plan (seed 001) against its stand-in, healthy and broken. */
class BizoneWebPlanIT {
  private static final String HTTPS = "infra-and-ops-https-constraints-production-dasar-tersedia";
  private static final String SIGNATURE = "webhook-and-integrations-signature-validation-path-tersedia";
  private static final String AUDIT = "critical-before-go-live-permission-audit-selesai-untuk-role-admin-editor-dan";
  private static final String GUARD = "users-roles-permissions-permission-guard-backend-untuk-templates-campaigns-users";
  private static final String BACKUP = "critical-before-go-live-backup-database-dan-restore-drill-dibuktikan";

  @TempDir Path dir;

  @Test
  void healthyStandInTicksEveryProbedItem() throws Exception {
    try (BizoneWebStandIn standIn = new BizoneWebStandIn(false, dir)) {
      PlanHarness h = PlanHarness.load("bizone-web", standIn.env());
      assertThat(h.unaccountedItems()).isEmpty();
      PlanHarness.Result r = h.check();
      assertThat(r.notDoneProbedItems()).as(r.describe()).isEmpty();
      assertThat(h.probedItems()).allSatisfy(id -> assertThat(r.state(id)).isEqualTo(ItemState.DONE));
      for (String gate : new String[] {"auth-security", "webhook", "infra", "permissions"}) {
        assertThat(r.gatePassed(gate)).as(gate).isTrue();
      }
      // Critical Before Go-Live also holds manual items (real Meta send, secrets audit, CI/CD): they wait for people
      assertThat(r.gate("critical-before-go-live").blocking()).allSatisfy(b -> assertThat(b).endsWith("(manual)"));
    }
  }

  @Test
  void brokenStandInFailsExactlyTheBrokenClaims() throws Exception {
    try (BizoneWebStandIn standIn = new BizoneWebStandIn(true, dir)) {
      PlanHarness.Result r = PlanHarness.load("bizone-web", standIn.env()).check();
      assertThat(r.evidenceText()).doesNotContain(
          BizoneWebStandIn.VERIFY_TOKEN,
          BizoneWebStandIn.APP_SECRET,
          BizoneWebStandIn.PASSWORD, BizoneWebStandIn.ADMIN, BizoneWebStandIn.AGENT);
      assertThat(r.failingItems()).as(r.describe()).containsExactlyInAnyOrder(HTTPS, SIGNATURE, AUDIT, GUARD, BACKUP);
      // the file claims [x] for these, the system disagrees
      assertThat(r.state(HTTPS)).isEqualTo(ItemState.CONTRADICTED);
      assertThat(r.state(SIGNATURE)).isEqualTo(ItemState.CONTRADICTED);
      assertThat(r.state(GUARD)).isEqualTo(ItemState.CONTRADICTED);
      assertThat(r.state(AUDIT)).isEqualTo(ItemState.FAILING);
      assertThat(r.explanation(HTTPS)).contains("tls: [CERT_EXPIRY]", "> 30d");
      assertThat(r.explanation(SIGNATURE)).contains("[FORGED_REFUSED] (false) == true");
      assertThat(r.explanation(AUDIT)).contains("agent GET /api/roles → 200, expected 403");
      assertThat(r.explanation(BACKUP)).contains("db-backup: [AGE]");
      assertThat(r.gatePassed("infra")).isFalse();
      assertThat(r.gatePassed("webhook")).isFalse();
      assertThat(r.gatePassed("auth-security")).isTrue();
    }
  }

  @Test
  void errorRateSpikeAfterADeploymentFiresTheRollbackTrigger() throws Exception {
    try (BizoneWebStandIn standIn = new BizoneWebStandIn(false, dir); RollbackDrill drill = new RollbackDrill()) {
      java.util.Map<String, String> env = standIn.env();
      env.put("BIZONE_ALERTMANAGER_URL", drill.url());
      env.put("BIZONE_SLACK_WEBHOOK", drill.url() + "/slack");
      PlanHarness h = PlanHarness.load("bizone-web", env);
      java.util.List<String> alerts = drill.fire(h, dir.resolve("data"), "2.0.0", () -> standIn.metrics().put("sum(rate(http_requests_total{job=\"backend\",status=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"backend\"}[5m]))", 0.3), "api-error-ratio", "api-errors");
      assertThat(alerts).anySatisfy(b -> assertThat(b).contains("\"plan\":\"bizone-web\"", "\"trigger\":\"api-errors\"",
          "\"severity\":\"critical\"", "\"version\":\"2.0.0\"", "0.3"));
      assertThat(String.join("\n", alerts)).doesNotContain(BizoneWebStandIn.APP_SECRET, BizoneWebStandIn.PASSWORD, drill.url() + "/slack");
    }
  }
}
