package dev.golive.plans.paymentsplatform;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.golive.plans.GoliveDaemon;
import dev.golive.plans.PlanHarness;
import dev.golive.verdict.ItemState;
import dev.golive.condition.ConditionResult;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 (multi-tenant payments platform) end to end: probes/payments-platform against its stand-in, with the
 * database facts on the real PostgreSQL (GOLIVE_TEST_PG_URL/_USER/_PASSWORD) and backups in a real restic repository.
 */
@Timeout(300)
class PaymentsPlanIT {
  /**
   * Rounds of every probe: one more than passes-to-tick, so that a first round slowed by a cold JVM (response-time
   * conditions) does not decide the outcome; failing items fail in every round.
   */
  static final int ROUNDS = 3;

  static final String PLAN = "payments-platform";

  /** What {@link PaymentsStandIn#breakIt()} breaks: item id → a phrase the explanation must contain. */
  static final Map<String, String> BROKEN = Map.of(
      "database-setup-rls-policies-active-on-all-tables", "[VALUE] (payout_batches) == none",
      "database-setup-critical-create-advisory-lock-rpc-functions-see-below", "[VALUE] (1) == 2",
      "security-configuration-tenant-security-policies-with-defaults", "[VALUE] (umbrella) == none",
      "post-launch-monitoring-monitor-webhook-dlq-for-failures", "[VALUE] (12) == 0",
      "post-launch-monitoring-monitor-payment-success-failure-rates", ">= 95%",
      "edge-functions-mfa-guards-implemented", "[STATUS] (200) == 403",
      "go-live-verification-verify-mfa-prompts-appear-correctly", "[STATUS] (200) == 403",
      "payment-provider-integration-webhook-secrets-set", "[FORGED_REFUSED] (false) == true");

  @Test
  void everyItemIsProbedOrManualWithAReason() {
    Map<String, String> secrets = new java.util.HashMap<>();
    for (String name : new String[] {"PAYMENTS_DB_PASSWORD", "PAYMENTS_SUPER_ADMIN_TOKEN", "PAYMENTS_OWNER_TOKEN",
        "PAYMENTS_ADMIN_TOKEN", "PAYMENTS_MEMBER_TOKEN", "PAYMENTS_AAL1_TOKEN", "STRIPE_WEBHOOK_SECRET",
        "PAYMENTS_RESTIC_PASSWORD"}) {
      secrets.put(name, "unused");
    }
    PlanHarness h = PlanHarness.load(PLAN, secrets);
    assertThat(h.unaccountedItems()).isEmpty();
    assertThat(h.counts()).isEqualTo(new PlanHarness.Counts(73, 40, 33, 6, 1, 3));
  }

  @Test
  void healthyStandInTicksEveryProbedItemAndPassesTheRequiredGates(@TempDir Path tmp) throws Exception {
    try (PaymentsStandIn standIn = PaymentsStandIn.start(tmp)) {
      PlanHarness.Result r = PlanHarness.load(PLAN, standIn.env()).check(ROUNDS);
      assertNoSecretIn(r, List.of(standIn.env().get("PAYMENTS_RESTIC_PASSWORD"), standIn.env().get("PAYMENTS_DB_PASSWORD"), PaymentsApi.WEBHOOK_SECRET, "sa-token", "owner-token", "admin-token", "member-token", "aal1-token"));
      assertThat(r.notDoneProbedItems()).as(r.describe()).isEmpty();
      assertThat(r.go()).as("required gates: %s", r.runtime().verdict().gates()).isTrue();
      assertThat(r.state("sign-off-technical-lead-review")).isEqualTo(ItemState.MANUAL);
    }
  }

  @Test
  void brokenStandInFailsExactlyTheBrokenItemsAndSaysWhy(@TempDir Path tmp) throws Exception {
    try (PaymentsStandIn standIn = PaymentsStandIn.start(tmp)) {
      standIn.breakIt();
      PlanHarness.Result r = PlanHarness.load(PLAN, standIn.env()).check(ROUNDS);
      assertNoSecretIn(r, List.of(standIn.env().get("PAYMENTS_RESTIC_PASSWORD"), standIn.env().get("PAYMENTS_DB_PASSWORD"), PaymentsApi.WEBHOOK_SECRET, "sa-token", "owner-token", "admin-token", "member-token", "aal1-token"));
      assertThat(r.failingItems()).as(r.describe()).isEqualTo(Set.copyOf(BROKEN.keySet()));
      BROKEN.forEach((item, claim) -> assertThat(r.explanation(item)).as(item).contains(claim));
      // the [x] claims of the file that are no longer true are contradicted, not merely failing
      assertThat(r.state("database-setup-rls-policies-active-on-all-tables")).isEqualTo(ItemState.CONTRADICTED);
      assertThat(r.gatePassed("database")).isFalse();
      assertThat(r.go()).isFalse();
    }
  }

  /**
   * After a deployment, payments start failing (success rate about 50%): the post-launch trigger
   * payment-success-rate-drop fires and its alert reaches Alertmanager (WireMock).
   */
  @Test
  void paymentFailuresAfterADeploymentPageThroughAlertmanager(@TempDir Path tmp) throws Exception {
    WireMockServer alertmanager = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
        .dynamicPort());
    alertmanager.start();
    try (PaymentsStandIn standIn = PaymentsStandIn.start(tmp.resolve("standin"))) {
      alertmanager.stubFor(WireMock.post("/api/v2/alerts").willReturn(WireMock.ok()));
      Map<String, String> env = new java.util.HashMap<>(standIn.env());
      env.put("ALERTMANAGER_URL", alertmanager.baseUrl());
      Path plan = GoliveDaemon.fastCopy(PlanHarness.PLANS.resolve(PLAN), tmp.resolve("plans"),
          "{ interval: 2s, timeout: 2s, passes-to-tick: 2, failures-to-regress: 2 }");
      try (GoliveDaemon golive = GoliveDaemon.start(tmp, plan, env)) {
        var deployed = golive.post("/api/plans/" + PLAN + "/deployments", "{\"version\": \"2025.10.23\"}");
        assertThat(deployed.statusCode()).as(deployed.body()).isBetween(200, 201);
        standIn.db.injectPaymentFailures(100);
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        List<LoggedRequest> fired = List.of();
        while (System.nanoTime() < end && fired.isEmpty()) {
          fired = alertmanager.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/alerts"))).stream()
              .filter(r -> r.getBodyAsString().contains("payment-success-rate-drop")).toList();
          if (fired.isEmpty()) Thread.sleep(250);
        }
        assertThat(fired).as("an alert for payment-success-rate-drop; golive output:\n%s", golive.output())
            .isNotEmpty();
        String alert = fired.get(0).getBodyAsString();
        assertThat(alert).contains(PLAN).contains("2025.10.23");
        for (String secret : List.of(standIn.env().get("PAYMENTS_DB_PASSWORD"), PaymentsApi.WEBHOOK_SECRET,
            "sa-token", "admin-token")) {
          assertThat(alert).doesNotContain(secret);
        }
      }
    } finally {
      alertmanager.stop();
    }
  }

  /** Secrets (credentials, tokens, extracted session values) never appear in any probe's evidence. */
  static void assertNoSecretIn(PlanHarness.Result r, Collection<String> secrets) {
    r.runtime().lastResults().values().forEach(res -> {
      String evidence = res.observed() + " " + res.error() + " "
          + res.conditions().stream().map(ConditionResult::explanation).toList();
      for (String secret : secrets) assertThat(evidence).as("evidence of %s", res.probeId()).doesNotContain(secret);
    });
  }
}
