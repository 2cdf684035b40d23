package dev.golive.rollout;

import dev.golive.alert.Alert;
import dev.golive.alert.AlertSink;
import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import dev.golive.store.JdbcStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One plan's runtime and rollout over an embedded store in {@code dir}; {@link #close()} then a new one = restart. */
final class Harness implements AutoCloseable {
  /** Real time shifted by an offset the test moves: timers stay real, stored times jump. */
  static final class ShiftedClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final Vertx vertx = Vertx.vertx();
  final JdbcStore store;
  final PlanRuntime runtime;
  final Rollout rollout;
  final RolloutStore rolloutStore;
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  /** When set, alerts are lost (as when the process dies before the outbox stores them). */
  final java.util.concurrent.atomic.AtomicBoolean lose = new java.util.concurrent.atomic.AtomicBoolean();
  final WorkerExecutor storeWorkers;

  private final PlanConfig planConfig;

  Harness(Path dir, PlanConfig plan, Clock clock) throws Exception {
    this(dir, plan, clock, Secrets.of(Map.of()));
  }

  Harness(Path dir, PlanConfig plan, Clock clock, Secrets secrets) throws Exception {
    planConfig = plan;
    store = JdbcStore.embedded(dir);
    rolloutStore = new RolloutStore(store.dataSource());
    storeWorkers = vertx.createSharedWorkerExecutor("golive-store", 2);
    ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking", 2),
        secrets);
    runtime = new PlanRuntime(plan, vertx.getOrCreateContext(), store, storeWorkers, env);
    AlertSink sink = alert -> {
      if (lose.get()) return Future.failedFuture("lost");
      alerts.add(alert);
      return Future.succeededFuture();
    };
    rollout = new Rollout(runtime, rolloutStore, storeWorkers, sink, clock);
    await(runtime.restore().compose(v -> rollout.start()));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  ProbeResult run(String probe) throws Exception {
    return run(probe, (java.time.Instant) null);
  }

  /** Runs a probe as if the scheduler had meant it for {@code scheduledAt}. */
  ProbeResult run(String probe, java.time.Instant scheduledAt) throws Exception {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run(probe, scheduledAt).onComplete(done));
    ProbeResult r = await(done.future());
    sync();
    return r;
  }

  void run(String probe, int times) throws Exception {
    for (int i = 0; i < times; i++) run(probe);
  }

  /** Waits until the plan's context and its ordered store writes are done. */
  void sync() throws Exception {
    Promise<Void> p = Promise.promise();
    runtime.context().runOnContext(v -> storeWorkers.executeBlocking(() -> null, true).onComplete(
        ar -> p.complete()));
    await(p.future());
  }

  Rollout.DeployResult deploy(String version) throws Exception {
    Rollout.DeployResult r = await(rollout.deploy(version, "test", "api"));
    sync();
    return r;
  }

  static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (condition.get()) return;
      Thread.sleep(50);
    }
    throw new AssertionError("gave up waiting for " + what);
  }

  @Override
  public void close() throws Exception {
    rollout.close();
    await(vertx.close());
    store.close();
  }
}
