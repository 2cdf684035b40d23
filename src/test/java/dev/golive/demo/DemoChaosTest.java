package dev.golive.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's second act in one JVM: the demo plan against the fake service, a deployment, then chaos on the service:
 * the {@code error-rate} trigger fires, the plan's log notifier writes the alert, and it resolves once the chaos ends.
 */
class DemoChaosTest {
  @TempDir Path data;
  private final Vertx vertx = Vertx.vertx();
  private DemoService service;
  private Daemon daemon;

  @BeforeEach
  void start() throws Exception {
    service = DemoService.start(vertx, 0, 0, DemoPlan.tls(data)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    Path plan = DemoPlan.withServicePorts(Path.of("probes/demo"), data, service.port(), service.tlsPort());
    Secrets secrets = Secrets.of(Map.of("DEMO_CA_FILE", DemoPlan.caFile(data).toString()));
    List<PlanConfig> plans = PlanLoader.loadAll(List.of(plan), secrets);
    daemon = Daemon.start(plans, DaemonOptions.embedded("127.0.0.1", 0, data.resolve("state"), null), secrets);
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) daemon.close();
    if (service != null) service.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void chaosMakesTheErrorRateTriggerFireReachTheLogNotifierAndResolve() throws Exception {
    PlanRuntime runtime = daemon.runtimes().get("demo");
    daemon.rollouts().get("demo").deploy(DemoService.VERSION, "demo", "api").toCompletionStage()
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (int i = 0; i < 3; i++) runErrorRate(runtime);
    assertThat(state()).as("normal traffic: about 0.1 errors/s, below the trigger's 0.5").isEqualTo("ok");

    service.chaos(0.5, Duration.ofMinutes(5));
    until(() -> {
      runErrorRate(runtime);
      return state().equals("firing");
    });
    until(() -> logDeliveries() == 1); // the FIRING alert, written by the log notifier

    service.chaos(0, Duration.ZERO);
    until(() -> {
      runErrorRate(runtime);
      return state().equals("ok");
    });
    until(() -> logDeliveries() == 2); // and the RESOLVED one
    assertThat(daemon.registry().scrape()).contains("golive_outbox_pending{receiver=\"log\"} 0.0");
  }

  private String state() {
    return daemon.rollouts().get("demo").triggers().get("error-rate").state();
  }

  /** Alerts the demo plan's log notifier wrote ({@code ALERT [FIRING] ...} lines). */
  private double logDeliveries() {
    var c = daemon.registry().find("golive_alert_deliveries_total").tags("receiver", "log", "result", "delivered")
        .counter();
    return c == null ? 0 : c.count();
  }

  /** Runs the rate probe as the scheduler does; a run overlapping the scheduler's own is simply skipped. */
  private static void runErrorRate(PlanRuntime runtime) {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run("error-rate").onComplete(done));
    try {
      done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // "still running": the scheduler's run counts instead
    }
  }

  /** Polls (every 300ms, so the rate spans a few of the service's 100ms traffic ticks) for up to 60s. */
  private static void until(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60s").isLessThan(end);
      Thread.sleep(300);
    }
  }
}
