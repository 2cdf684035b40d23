package dev.golive.rollout;

import static dev.golive.rollout.Harness.eventually;
import static dev.golive.rollout.ValuePlan.trigger;
import static dev.golive.rollout.ValuePlan.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.alert.Alert;
import dev.golive.config.DeploymentDetection;
import dev.golive.config.TriggerConfig;
import dev.golive.config.WindowConfig;
import dev.golive.verdict.Transition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutTest {
  @TempDir Path dir;
  private Harness h;
  private ValuePlan plan;

  @AfterEach
  void stop() throws Exception {
    if (h != null) h.close();
  }

  private Harness start(ValuePlan p, Clock clock) throws Exception {
    plan = p;
    h = new Harness(dir, p.config, clock);
    return h;
  }

  private static ValuePlan plan(List<WindowConfig> windows, List<TriggerConfig> triggers) {
    return new ValuePlan("shop", windows, triggers, null);
  }

  @Test
  void markingTheSameVersionTwiceIsIdempotentAndANewOneSupersedes() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))), List.of()), Clock.systemUTC());
    Rollout.DeployResult first = h.deploy("1.4.3");
    assertThat(first.created()).isTrue();
    Rollout.DeployResult again = h.deploy("1.4.3");
    assertThat(again.created()).isFalse();
    assertThat(again.deployment().id()).isEqualTo(first.deployment().id());
    Rollout.DeployResult next = h.deploy("1.4.4");
    assertThat(next.created()).isTrue();
    List<Deployment> stored = h.rolloutStore.deployments("shop", 10);
    assertThat(stored).extracting(Deployment::version).containsExactly("1.4.4", "1.4.3");
    assertThat(stored.get(1).supersededAt()).isEqualTo(next.deployment().deployedAt());
    assertThat(stored.get(0).supersededAt()).isNull();
    assertThat(h.rollout.current().version()).isEqualTo("1.4.4");
  }

  @Test
  void aTriggerFiresAfterExactlyForBreachesPagesOnceAndResolves() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 3, "inconclusive", false, null))),
        Clock.systemUTC());
    Deployment d = h.deploy("1.4.3").deployment();
    plan.value.set(0.07);
    h.run("errors", 2);
    assertThat(h.alerts).isEmpty();
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("pending");
    h.run("errors");
    assertThat(h.alerts).hasSize(1);
    Alert a = h.alerts.get(0);
    assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
    assertThat(a.observed()).isEqualTo("0.07");
    assertThat(a.threshold()).isEqualTo("[VALUE] > 0.05");
    assertThat(a.deploymentId()).isEqualTo(d.id());
    assertThat(a.version()).isEqualTo("1.4.3");
    assertThat(a.window()).isEqualTo("first-30m");
    assertThat(a.deployedAt()).isEqualTo(d.deployedAt());
    assertThat(a.severity()).isEqualTo("critical");
    assertThat(a.evidenceUrl()).isEqualTo("/api/plans/shop/deployments/" + d.id() + "/triggers/error-rate");
    h.run("errors", 3);
    assertThat(h.alerts).as("no page per evaluation").hasSize(1);
    plan.value.set(0.01);
    h.run("errors");
    assertThat(h.alerts).hasSize(2);
    assertThat(h.alerts.get(1).status()).isEqualTo(Alert.Status.RESOLVED);
    assertThat(h.alerts.get(1).dedupKey()).isEqualTo(a.dedupKey());
    List<TriggerChange> history = h.rolloutStore.triggerHistory("shop", d.id(), "error-rate", 10);
    assertThat(history).extracting(TriggerChange::to).containsExactly("ok", "firing", "pending", "pending");
    assertThat(history.get(1).consecutive()).isEqualTo(3);
    assertThat(history.get(1).observed()).contains("0.07");
  }

  @Test
  void aPercentThresholdFiresOnARatioAndSaysItInPercentsBothWays() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("error-rate", "errors", "[VALUE] > 5%", null, 1, "inconclusive", false, null))),
        Clock.systemUTC());
    h.deploy("1.4.3");
    plan.value.set(0.04);
    h.run("errors");
    assertThat(h.alerts).isEmpty();
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("ok");

    plan.value.set(0.05360001);
    h.run("errors");
    assertThat(h.alerts).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
      assertThat(a.observed()).isEqualTo("5.36%");
      assertThat(a.threshold()).isEqualTo("[VALUE] > 5%");
      assertThat(a.summary()).endsWith(": [VALUE] (5.36%) > 5%");
    });

    plan.value.set(0.0201);
    h.run("errors");
    assertThat(h.alerts).hasSize(2);
    Alert resolved = h.alerts.get(1);
    assertThat(resolved.status()).isEqualTo(Alert.Status.RESOLVED);
    assertThat(resolved.summary()).endsWith(": back under the threshold: [VALUE] (2.01%) <= 5%");
    assertThat(resolved.observed()).isEqualTo("2.01%");
    assertThat(h.alerts).allSatisfy(a -> assertThat(a.summary() + a.observed()).doesNotContainPattern("0\\.0\\d{3}"));
  }

  @Test
  void aFivePointFourPercentErrorRatioFiresAFivePercentTrigger() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("error-rate", "errors", "[VALUE] > 5%", null, 2, "inconclusive", false, null))),
        Clock.systemUTC());
    h.deploy("2.0.0");
    plan.value.set(0.054);
    h.run("errors", 2);
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("firing");
    assertThat(h.alerts).singleElement().satisfies(a -> {
      assertThat(a.observed()).isEqualTo("5.4%");
      assertThat(a.summary()).contains("[VALUE] (5.4%) > 5%");
    });
  }

  @Test
  void runsWhileGoliveWasOverloadedNeitherBreachNorPage() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 1, "inconclusive", false, null))),
        Clock.systemUTC());
    h.deploy("1.4.3");
    plan.value.set(0.5);
    for (int i = 0; i < 3; i++) {
      assertThat(h.run("errors", Instant.now().minusSeconds(3)).overloaded()).startsWith("golive was overloaded");
    }
    assertThat(h.alerts).as("late runs page nobody").isEmpty();
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("ok");
    h.run("errors");
    assertThat(h.alerts).as("an on-time breach does").hasSize(1);
  }

  @Test
  void dryRunRecordsTheStateButNeverPublishes() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 1, "inconclusive", true, null))),
        Clock.systemUTC());
    Deployment d = h.deploy("1.4.3").deployment();
    plan.value.set(0.5);
    h.run("errors");
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("firing");
    assertThat(h.rollout.triggers().get("error-rate").dryRun()).isTrue();
    plan.value.set(0.0);
    h.run("errors");
    assertThat(h.alerts).isEmpty();
    assertThat(h.rolloutStore.triggerHistory("shop", d.id(), "error-rate", 10))
        .extracting(TriggerChange::to, TriggerChange::dryRun)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", true),
            org.assertj.core.groups.Tuple.tuple("firing", true));
  }

  @Test
  void triggersOutsideTheirWindowsAreNotEvaluated() throws Exception {
    start(plan(List.of(window("first-1s", Duration.ofSeconds(1)), new WindowConfig("later", Duration.ofHours(1),
            Duration.ofHours(2), List.of())),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 1, "inconclusive", false, null, "later"))),
        Clock.systemUTC());
    h.deploy("1.4.3");
    plan.value.set(0.9);
    h.run("errors");
    assertThat(h.alerts).isEmpty();
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("ok");
  }

  @Test
  void theBaselineIsThePreDeployMeanStoredWithTheDeploymentAndTheFloorApplies() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("degraded", "errors", "[VALUE] > [BASELINE] * 1.5", null, 1, "inconclusive", false, null),
            trigger("floored", "errors", "[VALUE] > [BASELINE] * 1.5", null, 1, "inconclusive", false, 1.0))),
        Clock.systemUTC());
    for (double v : new double[] {0.1, 0.3}) {
      plan.value.set(v);
      h.run("errors");
    }
    Deployment d = h.deploy("1.4.3").deployment();
    assertThat(d.baselines()).containsEntry("degraded", 0.2).containsEntry("floored", 0.2);
    assertThat(h.rolloutStore.current("shop").get().baselines()).containsEntry("degraded", 0.2);
    plan.value.set(0.29);
    h.run("errors");
    assertThat(h.alerts).isEmpty();
    plan.value.set(0.4);
    h.run("errors");
    assertThat(h.alerts).extracting(Alert::trigger).containsExactly("degraded");
    assertThat(h.alerts.get(0).baseline()).isEqualTo("0.2");
    assertThat(h.rollout.triggers().get("floored").baseline()).isEqualTo("1");
  }

  @Test
  void noDataFailPagesWhenTheProbeSeesNothing() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("fail", "errors", "[VALUE] > 0.05", null, 2, "fail", false, null),
            trigger("ignore", "errors", "[VALUE] > 0.05", null, 1, "ignore", false, null),
            trigger("inconclusive", "errors", "[VALUE] > 0.05", null, 1, "inconclusive", false, null))),
        Clock.systemUTC());
    Deployment d = h.deploy("1.4.3").deployment();
    plan.value.set("connection refused");
    h.run("errors", 2);
    assertThat(h.alerts).extracting(Alert::trigger).containsExactly("fail");
    assertThat(h.rolloutStore.triggerHistory("shop", d.id(), "ignore", 10)).isEmpty();
    assertThat(h.rollout.triggers().get("inconclusive").noData()).isTrue();
    assertThat(h.rolloutStore.triggerHistory("shop", d.id(), "inconclusive", 10)).singleElement()
        .satisfies(c -> assertThat(c.note()).startsWith("no data").contains("connection refused"));
  }

  @Test
  void theCompositeTriggerFiresWhenEnoughCriticalProbesFailAtOnce() throws Exception {
    TriggerConfig composite = new TriggerConfig("critical-down", null, List.of(), null, null, 1, "critical",
        "inconclusive", false, null, List.of("health", "db"), 2);
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30))), List.of(composite)), Clock.systemUTC());
    h.deploy("1.4.3");
    plan.status.set(503);
    h.run("health");
    assertThat(h.alerts).isEmpty();
    plan.dbStatus.set(500);
    h.run("db");
    assertThat(h.alerts).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo("critical-down");
      assertThat(a.threshold()).isEqualTo("at least 2 of [health, db] failing");
    });
  }

  @Test
  void aHoldItemTicksAtTheWindowsEndWhenItHeldThroughout() throws Exception {
    start(plan(List.of(window("first-6s", Duration.ofSeconds(6), "GO-001")), List.of()), Clock.systemUTC());
    h.deploy("1.4.3");
    h.run("health");
    eventually(() -> "held".equals(outcome("first-6s/GO-001")), "the hold to settle at the window's end");
    eventually(() -> h.runtime.items().get("GO-001").state().label().equals("done"), "GO-001 done");
    h.sync(); // the window's transition is stored on the store pool after the state changes in memory
    List<Transition> history = h.store.history("shop", "GO-001", 10);
    assertThat(history.get(0).cause()).isEqualTo("window");
    assertThat(history.get(0).actor()).isEqualTo("first-6s");
    assertThat(history.get(0).to().label()).isEqualTo("done");
  }

  @Test
  void aHoldItemFailsAtTheFirstBreakWithTheEvidenceOfWhen() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30), "GO-001")), List.of()), Clock.systemUTC());
    h.deploy("1.4.3");
    h.run("health");
    plan.status.set(503);
    h.run("health");
    assertThat(outcome("first-30m/GO-001")).isEqualTo("broken");
    assertThat(h.runtime.items().get("GO-001").state().label()).isEqualTo("failing");
    eventually(() -> !h.store.history("shop", "GO-001", 10).isEmpty()
        && h.store.history("shop", "GO-001", 10).get(0).cause().equals("window"), "the window's evidence");
    Transition t = h.store.history("shop", "GO-001", 10).get(0);
    assertThat(t.note()).contains("broke at").contains("[STATUS] (503) == 200");
    assertThat(h.rolloutStore.holds("shop", h.rollout.current().id())).singleElement()
        .satisfies(o -> assertThat(o.outcome()).isEqualTo("broken"));
  }

  @Test
  void aHoldItemThatBreaksPagesWithItsOwnKeyAndSeverityAndResolvesWhenTheWindowEnds() throws Exception {
    Harness.ShiftedClock clock = new Harness.ShiftedClock();
    start(plan(List.of(new WindowConfig("first-20s", Duration.ZERO, Duration.ofSeconds(20), List.of("GO-001"),
        "critical")), List.of()), clock);
    Deployment d = h.deploy("1.4.3").deployment();
    h.run("health");
    assertThat(h.alerts).as("held so far: nobody paged").isEmpty();
    plan.status.set(503);
    h.run("health");
    assertThat(h.alerts).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
      assertThat(a.dedupKey()).isEqualTo("golive/shop/" + d.id() + "/hold/GO-001");
      assertThat(a.holdItem()).isEqualTo("GO-001");
      assertThat(a.severity()).isEqualTo("critical");
      assertThat(a.window()).isEqualTo("first-20s");
      assertThat(a.version()).isEqualTo("1.4.3");
      assertThat(a.observed()).contains("health: [STATUS] (503) == 200");
      assertThat(a.summary()).startsWith("hold item GO-001 broke for shop 1.4.3 in window first-20s");
    });
    h.run("health", 2); // still broken: the same incident, no second page
    plan.status.set(200);
    h.run("health"); // passing again inside the window: the window's outcome stays broken, the page stays open
    assertThat(h.alerts).hasSize(1);
    // a restart with 2s of the window left publishes the firing again (the outbox drops it: same status, same key)
    h.close();
    clock.offset = Duration.between(Instant.now(), d.deployedAt().plus(Duration.ofSeconds(18)));
    h = new Harness(dir, plan.config, clock);
    assertThat(h.alerts).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(Alert.Status.FIRING));
    h.alerts.clear();
    // the window ends: resolved once
    eventually(() -> h.alerts.size() == 1, "the hold alert to resolve at the window's end");
    assertThat(h.alerts.get(0).status()).isEqualTo(Alert.Status.RESOLVED);
    assertThat(h.alerts.get(0).dedupKey()).isEqualTo("golive/shop/" + d.id() + "/hold/GO-001");
    assertThat(h.alerts.get(0).summary()).contains("window first-20s ended");
    h.run("health");
    assertThat(h.alerts).hasSize(1);
  }

  @Test
  void aHoldAlertDefaultsToWarningAndResolvesWhenANewDeploymentSupersedes() throws Exception {
    start(plan(List.of(window("first-30m", Duration.ofMinutes(30), "GO-001")), List.of()), Clock.systemUTC());
    Deployment d = h.deploy("1.4.3").deployment();
    plan.status.set(503);
    h.run("health");
    assertThat(h.alerts).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo("warning"));
    h.deploy("1.4.4");
    assertThat(h.alerts).hasSize(2);
    assertThat(h.alerts.get(1).status()).isEqualTo(Alert.Status.RESOLVED);
    assertThat(h.alerts.get(1).dedupKey()).isEqualTo("golive/shop/" + d.id() + "/hold/GO-001");
    assertThat(h.alerts.get(1).summary()).contains("superseded by 1.4.4");
  }

  @Test
  void afterARestartMidWindowTheWindowResumesAndTriggerStatesReload() throws Exception {
    Harness.ShiftedClock clock = new Harness.ShiftedClock();
    ValuePlan plan = plan(List.of(window("first-30s", Duration.ofSeconds(30), "GO-001")),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 2, "inconclusive", false, null)));
    start(plan, clock);
    Deployment d = h.deploy("1.4.3").deployment();
    h.run("health");
    plan.value.set(0.5);
    h.run("errors", 2);
    assertThat(h.alerts).hasSize(1);
    Alert paged = h.alerts.get(0);
    h.close();
    // the daemon was down long enough that 2 seconds of the window are left, however long the steps above took
    clock.offset = Duration.between(Instant.now(), d.deployedAt().plus(Duration.ofSeconds(28)));
    h = new Harness(dir, plan.config, clock);
    assertThat(h.rollout.current().id()).isEqualTo(d.id());
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("firing");
    assertThat(RolloutRoutes.view(h.rollout, h.rollout.current()).get("windows").toString()).contains("state=open");
    h.run("errors");
    // the restored firing is published again (the outbox drops it: it holds FIRING for that key), never re-fired;
    // only the observed number is not stored with the change (the condition with its values stands in for it)
    assertThat(h.alerts).as("still firing after the restart: no second page").singleElement()
        .satisfies(a -> assertThat(a).usingRecursiveComparison().ignoringFields("observed").isEqualTo(paged));
    h.alerts.clear();
    long before = System.nanoTime();
    eventually(() -> "held".equals(outcome("first-30s/GO-001")), "the resumed window to end");
    assertThat(Duration.ofNanos(System.nanoTime() - before)).as("resumed (2s left), not restarted (30s)")
        .isLessThan(Duration.ofSeconds(20));
    eventually(() -> h.alerts.size() == 1, "the trigger to end with its window");
    assertThat(h.alerts.get(0).status()).isEqualTo(Alert.Status.RESOLVED);
  }

  @Test
  void aFiringWhoseAlertWasNotStoredBeforeACrashIsPublishedAtRestart() throws Exception {
    ValuePlan plan = plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("error-rate", "errors", "[VALUE] > 0.05", null, 2, "inconclusive", false, null)));
    start(plan, Clock.systemUTC());
    h.deploy("1.4.3");
    h.lose.set(true); // the process dies after storing the trigger's change, before the outbox stores the alert
    plan.value.set(0.5);
    h.run("errors", 2);
    assertThat(h.rollout.triggers().get("error-rate").state()).isEqualTo("firing");
    assertThat(h.alerts).isEmpty();
    h.close();
    h = new Harness(dir, plan.config, Clock.systemUTC());
    assertThat(h.alerts).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
      assertThat(a.trigger()).isEqualTo("error-rate");
      assertThat(a.window()).isEqualTo("first-30m");
    });
    plan.value.set(0.0);
    h.run("errors");
    assertThat(h.alerts).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
    h.close();
    h = new Harness(dir, plan.config, Clock.systemUTC());
    assertThat(h.alerts).as("the resolve is published again too (the outbox drops it when stored)")
        .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(Alert.Status.RESOLVED));
  }

  @Test
  void aNewVersionSeenByTheDetectionProbeRecordsADeploymentOnce() throws Exception {
    ValuePlan plan = new ValuePlan("shop", List.of(window("first-30m", Duration.ofMinutes(30))), List.of(),
        new DeploymentDetection("health", "[BODY].version"));
    start(plan, Clock.systemUTC());
    h.run("health");
    eventually(() -> h.rollout.current() != null, "the first version to be recorded");
    assertThat(h.rollout.current().version()).isEqualTo("1.0.0");
    assertThat(h.rollout.current().source()).isEqualTo("detected");
    h.run("health", 2);
    plan.version.set("1.1.0");
    h.run("health");
    eventually(() -> h.rollout.current().version().equals("1.1.0"), "the new version");
    h.run("health");
    h.close();
    h = new Harness(dir, plan.config, Clock.systemUTC());
    h.run("health", 2);
    h.sync();
    assertThat(h.rolloutStore.deployments("shop", 10)).extracting(Deployment::version)
        .containsExactly("1.1.0", "1.0.0");
    // a release marked by hand under another name: the probe still reports 1.1.0, before and after a restart
    h.deploy("build-77");
    h.run("health");
    h.close();
    h = new Harness(dir, plan.config, Clock.systemUTC());
    h.run("health", 2);
    h.sync();
    assertThat(h.rolloutStore.deployments("shop", 10)).extracting(Deployment::version)
        .containsExactly("build-77", "1.1.0", "1.0.0");
  }

  @Test
  void secretsNeverReachAlertsOrTriggerEvidence() throws Exception {
    dev.golive.config.Secrets secrets = dev.golive.config.Secrets.of(java.util.Map.of("DB_PASSWORD", "hunter2-db"));
    secrets.resolve("${env:DB_PASSWORD}");
    plan = plan(List.of(window("first-30m", Duration.ofMinutes(30))),
        List.of(trigger("leak", "errors", "[VALUE] > 1", null, 1, "fail", false, null)));
    h = new Harness(dir, plan.config, Clock.systemUTC(), secrets);
    Deployment d = h.deploy("1.4.3").deployment();
    plan.value.set("login failed for hunter2-db");
    h.run("errors");
    assertThat(h.alerts).singleElement().satisfies(a -> assertThat(a.toString()).doesNotContain("hunter2-db")
        .contains("login failed"));
    assertThat(h.rolloutStore.triggerHistory("shop", d.id(), "leak", 10).toString()).doesNotContain("hunter2-db");
    assertThat(RolloutRoutes.view(h.rollout, d).toString()).doesNotContain("hunter2-db");
  }

  private String outcome(String key) {
    HoldOutcome o = h.rollout.holds().get(key);
    return o == null ? null : o.outcome();
  }
}
