package dev.golive.plans.alawaelerp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.plans.GoliveDaemon;
import dev.golive.plans.PlanHarness;
import dev.golive.verdict.ItemState;
import dev.golive.condition.ConditionResult;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed 003 (ALAWAEL ERP v1.0.0) end to end: probes/alawael-erp against its stand-in, healthy and broken. */
@Timeout(300)
class AlawaelErpPlanIT {
  /**
   * Rounds of every probe: one more than passes-to-tick, so that a first round slowed by a cold JVM (response-time
   * conditions) does not decide the outcome; failing items fail in every round.
   */
  static final int ROUNDS = 3;

  static final String PLAN = "alawael-erp";

  /** What the broken stand-in breaks: item id → a phrase its explanation must contain. */
  static final Map<String, String> BROKEN = new HashMap<>();

  static {
    String tls = "[CERT_EXPIRY] (";
    BROKEN.put("credentials-secrets-ssl-certificates-installed-and-valid", tls);
    BROKEN.put("credentials-secrets-ssl-certificate-expiry-monitored", tls);
    BROKEN.put("compliance-encryption-in-transit-enabled", tls);
    BROKEN.put("application-security-hsts-enabled", "[HSTS]");
    BROKEN.put("backend-cache-connection-verified", "[BODY].checks.cache (down) == up");
    String ports = "[UNEXPECTED_OPEN_COUNT] (1) == 0";
    BROKEN.put("infrastructure-security-firewall-rules-configured", ports);
    BROKEN.put("infrastructure-security-port-22-ssh-restricted", ports);
    BROKEN.put("infrastructure-security-only-necessary-ports-open", ports);
    BROKEN.put("environment-dns-pointed-correctly", "[MATCHES] (false) == true");
    BROKEN.put("success-criteria-error-rate-0-1", "[VALUE] (3%) < 0.1%");
    BROKEN.put("alerts-cpu-usage-alert-configured-threshold-80", "> 95");
    String access = "[VIOLATION_COUNT] (2) == 0";
    BROKEN.put("application-security-authentication-tested", access);
    BROKEN.put("application-security-authorization-tested", access);
    BROKEN.put("compliance-access-control-verified", access);
    String integrity = "[BODY].failed (1) == 0";
    BROKEN.put("success-criteria-database-integrity-verified", integrity);
    BROKEN.put("data-data-consistency-verified", integrity);
    String backup = "[AGE] (";
    for (String id : new String[] {"setup-backups-configured", "setup-automated-backup-scheduled",
        "backups-backup-schedule-configured", "backups-automated-backups-running", "backups-backup-verification-running",
        "backups-recovery-point-objective-rpo-1-hour-acceptable", "1-hour-before-database-backup-confirmed",
        "environment-backup-systems-operational"}) {
      BROKEN.put(id, backup);
    }
  }

  @Test
  void everyItemIsProbedOrManualWithAReason() {
    Map<String, String> secrets = new HashMap<>();
    for (String name : new String[] {"ALAWAEL_PROBE_PASSWORD", "ALAWAEL_CLERK_TOKEN", "ALAWAEL_ADMIN_TOKEN",
        "GRAFANA_TOKEN", "RESTIC_PASSWORD"}) {
      secrets.put(name, "unused");
    }
    PlanHarness h = PlanHarness.load(PLAN, secrets);
    assertThat(h.unaccountedItems()).isEmpty();
    assertThat(h.counts()).isEqualTo(new PlanHarness.Counts(247, 104, 143, 6, 4, 5));
  }

  @Test
  void healthyStandInTicksEveryProbedItemAndPassesTheRequiredGates(@TempDir Path tmp) throws Exception {
    try (AlawaelStandIn standIn = AlawaelStandIn.start(tmp, false)) {
      PlanHarness.Result r = PlanHarness.load(PLAN, standIn.env()).check(ROUNDS);
      assertNoSecretIn(r, List.of(standIn.env().get("RESTIC_PASSWORD"), AlawaelApp.PROBE_PASSWORD, "clerk-token", "admin-token", "session-token", OpsStack.GRAFANA_TOKEN));
      assertThat(r.notDoneProbedItems()).as(r.describe()).isEmpty();
      assertThat(r.go()).as("required gates: %s", r.runtime().verdict().gates()).isTrue();
      assertThat(r.state("executive-checklist-stakeholder-approval-obtained")).isEqualTo(ItemState.MANUAL);
    }
  }

  @Test
  void brokenStandInFailsExactlyTheBrokenItemsAndSaysWhy(@TempDir Path tmp) throws Exception {
    try (AlawaelStandIn standIn = AlawaelStandIn.start(tmp, true)) {
      PlanHarness.Result r = PlanHarness.load(PLAN, standIn.env()).check(ROUNDS);
      assertNoSecretIn(r, List.of(standIn.env().get("RESTIC_PASSWORD"), AlawaelApp.PROBE_PASSWORD, "clerk-token", "admin-token", "session-token", OpsStack.GRAFANA_TOKEN));
      assertThat(r.failingItems()).as(r.describe()).isEqualTo(BROKEN.keySet());
      BROKEN.forEach((item, claim) -> assertThat(r.explanation(item)).as(item).contains(claim));
      assertThat(r.gatePassed("security")).isFalse();
      assertThat(r.gatePassed("backup-dr")).isFalse();
      assertThat(r.go()).isFalse();
    }
  }

  /**
   * The seed's rollback trigger "uncontrolled error rate (> 5%)": golive runs the plan as a daemon, a deployment is
   * marked through the API, the error rate jumps to 12%, and the trigger's alert reaches Alertmanager (WireMock).
   */
  @Test
  void errorRateSpikeAfterADeploymentPagesThroughAlertmanager(@TempDir Path tmp) throws Exception {
    WireMockServer alertmanager = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
        .dynamicPort());
    alertmanager.start();
    try (AlawaelStandIn standIn = AlawaelStandIn.start(tmp.resolve("standin"), false)) {
      alertmanager.stubFor(WireMock.post("/api/v2/alerts").willReturn(WireMock.ok()));
      alertmanager.stubFor(WireMock.get("/api/v2/receivers").willReturn(WireMock.okJson(
          "[{\"name\":\"oncall\"},{\"name\":\"ops-email\"}]")));
      Map<String, String> env = new HashMap<>(standIn.env());
      env.put("ALERTMANAGER_URL", alertmanager.baseUrl());
      Path plan = GoliveDaemon.fastCopy(PlanHarness.PLANS.resolve(PLAN), tmp.resolve("plans"),
          "{ interval: 2s, timeout: 2s, passes-to-tick: 2, failures-to-regress: 2 }");
      try (GoliveDaemon golive = GoliveDaemon.start(tmp, plan, env)) {
        var deployed = golive.post("/api/plans/" + PLAN + "/deployments", "{\"version\": \"1.0.1\"}");
        assertThat(deployed.statusCode()).as(deployed.body()).isBetween(200, 201);
        standIn.ops.series.put("http_requests_total", 0.12);
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        List<LoggedRequest> fired = List.of();
        while (System.nanoTime() < end && fired.isEmpty()) {
          fired = alertmanager.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v2/alerts"))).stream()
              .filter(r -> r.getBodyAsString().contains("error-rate-above-5pct")).toList();
          if (fired.isEmpty()) Thread.sleep(250);
        }
        assertThat(fired).as("an alert for error-rate-above-5pct; golive output:\n%s", golive.output()).isNotEmpty();
        String alert = fired.get(0).getBodyAsString();
        assertThat(alert).contains(PLAN).contains("[VALUE] (12%) > 5%").contains("1.0.1");
        assertNoSecretIn(alert, standIn.env().get("RESTIC_PASSWORD"), "clerk-token", "admin-token",
            OpsStack.GRAFANA_TOKEN);
      }
    } finally {
      alertmanager.stop();
    }
  }

  private static void assertNoSecretIn(String text, String... secrets) {
    for (String s : secrets) assertThat(text).doesNotContain(s);
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
