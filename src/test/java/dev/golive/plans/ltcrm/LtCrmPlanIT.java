package dev.golive.plans.ltcrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.plans.PlanHarness;
import dev.golive.plans.RollbackDrill;
import dev.golive.verdict.ItemState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LT CRM plan (seed 002) against its stand-in, healthy and broken. */
class LtCrmPlanIT {
  private static final String CSP = "security-confirm-csp-headers-are-properly-configured";
  private static final String HEADERS = "security-check-http-security-headers-using-security-headers-test";
  private static final String DEBUG = "environment-setup-check-that-production-environment-has-debug-mode-disabled";
  private static final String PII = "gdpr-compliance-ensure-all-pii-is-properly-protected-in-logs-and-error-reports";
  private static final String EXPORT = "gdpr-compliance-test-gdpr-data-export-functionality-flask-export-user-data-user";

  @TempDir Path dir;

  @Test
  void healthyStandInTicksEveryProbedItem() throws Exception {
    try (LtCrmStandIn standIn = new LtCrmStandIn(false, dir)) {
      PlanHarness h = PlanHarness.load("lt-crm", standIn.env());
      assertThat(h.unaccountedItems()).isEmpty();
      PlanHarness.Result r = h.check();
      assertThat(r.notDoneProbedItems()).as(r.describe()).isEmpty();
      assertThat(h.probedItems()).allSatisfy(id -> assertThat(r.state(id)).isEqualTo(ItemState.DONE));
      for (String gate : new String[] {"environment"}) {
        assertThat(r.gatePassed(gate)).as(gate + " " + r.gate(gate).blocking()).isTrue();
      }
      // the other gates wait only for people: rollback drill, load test, N+1 review, security scan, sign-offs
      for (String gate : new String[] {"pre-deployment", "security", "post-deployment", "final-approval"}) {
        assertThat(r.gate(gate).blocking()).as(gate).isNotEmpty().allSatisfy(b -> assertThat(b).endsWith("(manual)"));
      }
      // secrets handed to the commands never show in evidence
      assertThat(r.result("migrations-at-head").toString()).doesNotContain(LtCrmStandIn.DATABASE_URL);
    }
  }

  @Test
  void brokenStandInFailsExactlyTheBrokenClaims() throws Exception {
    try (LtCrmStandIn standIn = new LtCrmStandIn(true, dir)) {
      PlanHarness.Result r = PlanHarness.load("lt-crm", standIn.env()).check();
      assertThat(r.evidenceText()).doesNotContain(
          LtCrmStandIn.PASSWORD,
          LtCrmStandIn.DATABASE_URL,
          LtCrmStandIn.FLY_TOKEN, LtCrmStandIn.METRICS, LtCrmStandIn.VIEWER);
      assertThat(r.failingItems()).as(r.describe()).containsExactlyInAnyOrder(CSP, HEADERS, DEBUG, PII, EXPORT);
      assertThat(r.explanation(CSP)).contains("security-headers", "unsafe-inline");
      assertThat(r.explanation(DEBUG)).contains("debug-off", "[BODY]", "Werkzeug");
      assertThat(r.explanation(PII)).contains("pii-in-logs: [EXIT_CODE] (0) == 1");
      assertThat(r.explanation(EXPORT)).contains("gdpr-export: [EXIT_CODE] (1) == 0");
      assertThat(r.gatePassed("security")).isFalse();
      assertThat(r.gatePassed("environment")).isFalse();
    }
  }

  @Test
  void errorRateSpikeAfterADeploymentFiresTheRollbackTrigger() throws Exception {
    try (LtCrmStandIn standIn = new LtCrmStandIn(false, dir); RollbackDrill drill = new RollbackDrill()) {
      java.util.Map<String, String> env = standIn.env();
      env.put("LTCRM_ALERTMANAGER_URL", drill.url());
      env.put("LTCRM_PAGERDUTY_URL", drill.url() + "/v2/enqueue");
      PlanHarness h = PlanHarness.load("lt-crm", env);
      java.util.List<String> alerts = drill.fire(h, dir.resolve("data"), "2.0.0", () -> standIn.metrics().put("sum(rate(flask_http_request_total{status=~\"5..\"}[5m])) / sum(rate(flask_http_request_total[5m]))", 0.3), "http-error-ratio", "error-spike");
      assertThat(alerts).anySatisfy(b -> assertThat(b).contains("\"plan\":\"lt-crm\"", "\"trigger\":\"error-spike\"",
          "\"severity\":\"critical\"", "\"version\":\"2.0.0\"", "0.3"));
      assertThat(String.join("\n", alerts)).doesNotContain(LtCrmStandIn.PD_KEY, LtCrmStandIn.DATABASE_URL, LtCrmStandIn.PASSWORD);
    }
  }
}
