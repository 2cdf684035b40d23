package dev.golive.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeResult;
import dev.golive.store.JdbcStore;
import dev.golive.verdict.ItemState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quartz hands each firing straight to the probe's event loop, from its own thread, with no worker threads. */
class ProbeSchedulerTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ScriptedPlan plan = new ScriptedPlan("shop");
  private JdbcStore store;
  private PlanRuntime runtime;
  private ProbeScheduler scheduler;

  @BeforeEach
  void start() throws Exception {
    store = JdbcStore.embedded(dir);
    runtime = plan.runtime(vertx, store);
    await(runtime.restore());
  }

  @AfterEach
  void stop() throws Exception {
    if (scheduler != null) scheduler.close();
    await(runtime.stored()); // a tick still being written would race the temp directory's deletion
    await(vertx.close());
    store.close();
  }

  @Test
  void aScheduledFiringReachesThePlanWithItsLagAndNoQuartzWorkerThreads() throws Exception {
    CompletableFuture<Duration> firstLag = new CompletableFuture<>();
    CompletableFuture<Context> lagRecordedOn = new CompletableFuture<>();
    CompletableFuture<ProbeResult> firstResult = new CompletableFuture<>();
    runtime.onResult(firstResult::complete);
    runtime.scheduleLag().onLag(lag -> {
      lagRecordedOn.complete(Vertx.currentContext());
      firstLag.complete(lag);
    });
    scheduler = new ProbeScheduler();
    scheduler.schedule(runtime);
    scheduler.start();

    Duration lag = firstLag.get(30, TimeUnit.SECONDS);
    assertThat(lag).as("the first run starts at once").isLessThan(Duration.ofSeconds(2));
    assertThat(lagRecordedOn.get()).as("lag is recorded on the plan's context").isSameAs(runtime.context());
    assertThat(firstResult.get(30, TimeUnit.SECONDS).probeId()).isEqualTo("health"); // applied after its lag
    assertThat(runtime.lastResults()).containsKey("health");
    assertThat(scheduler.nextRun("shop", "health")).as("the next run is one interval on")
        .isAfter(java.util.Date.from(Instant.now().plusSeconds(20)));
    List<String> quartzWorkers = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.contains("_Worker-") || n.startsWith("golive-quartz")).toList();
    assertThat(quartzWorkers).as("no Quartz worker threads: firings run on the scheduler thread").isEmpty();
  }

  @Test
  void aRunStartedFromAnyThreadAppliesItsResultOnThePlansContext() throws Exception {
    // not on a Vert.x thread: the scheduler thread calls run() the same way
    assertThat(Vertx.currentContext()).isNull();
    CompletableFuture<Context> completedOn = new CompletableFuture<>();
    Future<ProbeResult> first = runtime.run("health", Instant.now());
    first.onComplete(ar -> completedOn.complete(Vertx.currentContext()));
    ProbeResult result = await(first);
    assertThat(result.success()).isTrue();
    assertThat(completedOn.get(5, TimeUnit.SECONDS)).isSameAs(runtime.context());
    await(runtime.run("health", Instant.now()));
    assertThat(runtime.items().get("GO-001").state()).as("two passes tick the item").isEqualTo(ItemState.DONE);
    assertThat(runtime.run("nope").failed()).as("an unknown probe").isTrue();
  }

  @Test
  void theInlinePoolRunsEachJobOnTheCallersThread() {
    InlineThreadPool pool = new InlineThreadPool();
    Thread[] ranOn = new Thread[1];
    assertThat(pool.runInThread(() -> ranOn[0] = Thread.currentThread())).isTrue();
    assertThat(ranOn[0]).isSameAs(Thread.currentThread());
    assertThat(pool.blockForAvailableThreads()).as("Quartz may hand over a batch at a time")
        .isEqualTo(InlineThreadPool.BATCH);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
