package dev.golive.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.daemon.PlanRuntime;
import dev.golive.daemon.ScriptedPlan;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import dev.golive.store.JdbcStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} writes the per-item and per-probe series straight from the live state; they must be exactly the
 * series client_java's own snapshots of the same state give (what {@code registry.scrape()} shows), each family once.
 */
class ProbeSeriesTextTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private JdbcStore store;

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    if (store != null) store.close();
  }

  @Test
  void directTextHasExactlyTheSeriesOfTheSnapshots() throws Exception {
    store = JdbcStore.embedded(dir);
    ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking", 2),
        Secrets.of(Map.of()));
    // a plan name that needs escaping in a label value
    ScriptedPlan plan = new ScriptedPlan("sh\"op\\eu");
    ScriptedPlan other = new ScriptedPlan("quiet");
    PlanRuntime runtime = new PlanRuntime(plan.config, vertx.getOrCreateContext(), store,
        vertx.createSharedWorkerExecutor("golive-store", 2), env);
    PlanRuntime idle = new PlanRuntime(other.config, vertx.getOrCreateContext(), store,
        vertx.createSharedWorkerExecutor("golive-store", 2), env);
    PlanMetrics.bind(registry, runtime);
    PlanMetrics.bind(registry, idle);
    await(runtime.restore());
    await(idle.restore());
    run(runtime, Instant.now());
    plan.next.set(500);
    run(runtime, Instant.now());
    plan.next.set("connection refused: 127.0.0.1:9");
    run(runtime, Instant.now());
    run(runtime, Instant.now().minusSeconds(5)); // inconclusive: success NaN

    String snapshots = registry.scrape();
    String direct = PlanMetrics.scrape(registry);
    for (String family : List.of(MetricNames.ITEM_STATE, MetricNames.PROBE_SUCCESS, MetricNames.PROBE_DURATION,
        MetricNames.PROBE_LAST_RUN, MetricNames.PROBE_RUNS)) {
      List<String> expected = lines(snapshots, family);
      assertThat(expected).as(family).isNotEmpty();
      assertThat(lines(direct, family)).as(family).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(direct.split("\n")).as("one TYPE line for %s", family).filteredOn(l -> l.startsWith("# TYPE "
          + family + " ")).hasSize(1);
    }
    assertThat(direct).contains("golive_item_state{item=\"GO-001\",plan=\"sh\\\"op\\\\eu\",state=\"failing\"} 1.0")
        .contains("golive_probe_success{kind=\"scripted\",plan=\"sh\\\"op\\\\eu\",probe=\"health\"} NaN")
        .contains("golive_probe_runs_total{plan=\"sh\\\"op\\\\eu\",probe=\"health\",result=\"error\"} 1.0")
        .contains("golive_item_state{item=\"GO-001\",plan=\"quiet\",state=\"pending\"} 1.0")
        .doesNotContain("probe=\"health\",plan=\"quiet\"")
        .contains("golive_plan_go{plan=\"quiet\"}");
  }

  /** The HELP, TYPE and sample lines of one family. */
  private static List<String> lines(String text, String family) {
    return text.lines().filter(l -> l.startsWith(family + "{") || l.startsWith(family + " ")
        || l.startsWith("# HELP " + family + " ") || l.startsWith("# TYPE " + family + " ")).toList();
  }

  private static ProbeResult run(PlanRuntime runtime, Instant scheduledAt) throws Exception {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run("health", scheduledAt).onComplete(done));
    return await(done.future());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
