package dev.golive.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.alert.Alert;
import dev.golive.config.NotifierConfig;
import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon builds the outbox from each plan's notify list, starts it with the store and closes it. */
class DaemonAlertSinkTest {
  @TempDir Path dir;

  private static PlanConfig withLogNotifier(PlanConfig p) {
    return new PlanConfig(p.name(), p.directory(), p.checklist(), p.defaults(), p.probes(), p.gates(), p.windows(),
        p.triggers(), List.of(new NotifierConfig("log", Map.of())));
  }

  private static double delivered(Daemon d) {
    Counter c = d.registry().find("golive_alert_deliveries_total").tags("receiver", "log", "result", "delivered")
        .counter();
    return c == null ? 0 : c.count();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30s").isLessThan(end);
      Thread.sleep(50);
    }
  }

  @Test
  void plansWithNotifiersGetTheOutboxAndItsDedupSurvivesARestart() throws Exception {
    List<PlanConfig> plans = List.of(withLogNotifier(new ScriptedPlan("shop").config), new ScriptedPlan("quiet").config);
    Alert firing = new Alert("shop", "d-1", "2.0.0", "first-30m", "error-rate", "critical", Alert.Status.FIRING,
        "error rate 7%", "0.07", "[VALUE] > 0.05", null, Instant.now().minusSeconds(60), Instant.now(), null);
    DaemonOptions options = DaemonOptions.embedded("127.0.0.1", 0, dir, null);
    try (Daemon d = Daemon.start(plans, options, Secrets.of(Map.of()))) {
      d.alertSink("shop").publish(firing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      waitFor(() -> delivered(d) == 1);
      d.alertSink("quiet").publish(firing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(d.registry().scrape()).contains("golive_outbox_pending{receiver=\"log\"} 0.0");
    }
    try (Daemon d = Daemon.start(plans, options, Secrets.of(Map.of()))) {
      d.alertSink("shop").publish(firing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      d.alertSink("shop").publish(new Alert("shop", "d-1", "2.0.0", "first-30m", "error-rate", "critical",
          Alert.Status.RESOLVED, "recovered", "0.01", "[VALUE] > 0.05", null, firing.deployedAt(), Instant.now(),
          null)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      // rows of one dedup key go out in order: once the resolve is out, a wrong second firing would be too
      waitFor(() -> d.registry().scrape().contains("golive_outbox_pending{receiver=\"log\"} 0.0"));
      assertThat(delivered(d)).as("only the resolve: the firing was delivered before the restart").isEqualTo(1);
    }
  }
}
