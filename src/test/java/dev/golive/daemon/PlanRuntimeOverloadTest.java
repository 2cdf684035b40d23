package dev.golive.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.metrics.PlanMetrics;
import dev.golive.probe.ProbeResult;
import dev.golive.store.JdbcStore;
import dev.golive.verdict.ItemState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs made inconclusive by golive's own overload neither tick nor regress, and show up as lag and in metrics. */
class PlanRuntimeOverloadTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScriptedPlan plan = new ScriptedPlan("shop");
  private JdbcStore store;
  private PlanRuntime runtime;

  @BeforeEach
  void start() throws Exception {
    store = JdbcStore.embedded(dir);
    runtime = plan.runtime(vertx, store);
    PlanMetrics.bind(registry, runtime);
    await(runtime.restore());
  }

  @AfterEach
  void stop() throws Exception {
    await(runtime.stored()); // a tick still being written would race the temp directory's deletion
    await(vertx.close());
    store.close();
  }

  @Test
  void lateFailuresAreInconclusiveWhileOnTimeFailuresRegress() throws Exception {
    run(Instant.now());
    run(Instant.now());
    assertThat(runtime.items().get("GO-001").state()).isEqualTo(ItemState.DONE);
    assertThat(runtime.scheduleLag().status().behind()).isFalse();

    plan.next.set(500);
    for (int i = 0; i < 3; i++) {
      ProbeResult r = run(Instant.now().minusSeconds(3));
      assertThat(r.inconclusive()).isTrue();
      assertThat(r.overloaded()).startsWith("golive was overloaded: started 3.");
    }
    assertThat(runtime.items().get("GO-001").state()).as("three late failures prove nothing")
        .isEqualTo(ItemState.DONE);
    assertThat(runtime.lastResults().get("health").overloaded()).isNotNull();
    ScheduleLag.Status status = runtime.scheduleLag().status();
    assertThat(status.behind()).isTrue();
    assertThat(status.inconclusiveRuns()).isEqualTo(3);
    assertThat(status.worstLagSeconds()).isBetween(3.0, 10.0);
    assertThat(status.warning()).startsWith("golive cannot keep up with its schedule: in the last minutes probe "
        + "runs started up to 3.");
    String scrape = registry.scrape();
    assertThat(scrape).contains("golive_probe_inconclusive_total{plan=\"shop\",reason=\"started_late\"} 3.0")
        .contains("golive_probe_inconclusive_total{plan=\"shop\",reason=\"loop_stalled\"} 0.0")
        .contains("golive_probe_schedule_lag_seconds_count{plan=\"shop\"} 5")
        .contains("golive_probe_schedule_lag_seconds_bucket{plan=\"shop\",le=\"1.0\"} 2")
        .contains("golive_probe_success{kind=\"scripted\",plan=\"shop\",probe=\"health\"} NaN")
        .doesNotContain("result=\"fail\"");

    run(Instant.now());
    run(Instant.now());
    assertThat(runtime.items().get("GO-001").state()).as("on-time failures do regress")
        .isNotEqualTo(ItemState.DONE);
  }

  private ProbeResult run(Instant scheduledAt) throws Exception {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run("health", scheduledAt).onComplete(done));
    return await(done.future());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
