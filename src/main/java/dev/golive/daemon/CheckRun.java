package dev.golive.daemon;

import dev.golive.config.PlanConfig;
import dev.golive.config.ProbeConfig;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.store.JdbcStore;
import dev.golive.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One check for a CI pipeline against a throw-away in-memory store. {@link #untilSettled} runs each probe until the
 * items it ticks settle ({@link PlanRuntime#settled}) or a deadline passes; {@link #run} runs every probe a fixed
 * number of rounds in a row. Both block the calling thread and return the runtimes holding the outcome.
 */
public final class CheckRun {
  private CheckRun() {}

  /**
   * Runs each probe, waiting {@code pause} (at most the probe's interval) between its tries, until every item it
   * ticks has settled (ticked, or failed {@code failures-to-regress} times in a row) or {@code timeout} has passed:
   * no new try starts after it, and a try under way ends within its probe's own timeout. A try that yields no value
   * yet (a rate's first sample) does not count, so it is simply tried again.
   */
  public static CheckOutcome untilSettled(List<PlanConfig> plans, Secrets secrets, Duration timeout, Duration pause)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PlanRuntime> runtimes = execute(plans, secrets, (vertx, r) -> {
      List<Future<Void>> probes = new ArrayList<>();
      for (ProbeConfig p : r.plan().probes()) {
        Promise<Void> settled = Promise.promise();
        long waitMs = Math.max(1, Math.min(p.interval().toMillis(), pause.toMillis()));
        r.context().runOnContext(v -> attempt(vertx, r, p, waitMs, deadline, settled));
        probes.add(settled.future());
      }
      return Future.join(probes).mapEmpty();
    });
    return CheckOutcome.of(runtimes, timeout);
  }

  private static void attempt(Vertx vertx, PlanRuntime r, ProbeConfig p, long waitMs, long deadline,
      Promise<Void> settled) {
    r.run(p.id()).onComplete(ar -> {
      boolean open = p.ticks().stream().anyMatch(item -> !r.settled(item));
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (!open || leftMs < waitMs) {
        settled.complete();
      } else {
        vertx.setTimer(waitMs, t -> attempt(vertx, r, p, waitMs, deadline, settled));
      }
    });
  }

  /** The default deadline: three times the longest wait between tries times the tries an item needs, at least 30s. */
  public static Duration defaultTimeout(List<PlanConfig> plans, Duration pause) {
    long longest = 0;
    for (PlanConfig plan : plans) {
      int tries = Math.max(plan.defaults().passesToTick(), plan.defaults().failuresToRegress());
      for (ProbeConfig p : plan.probes()) {
        longest = Math.max(longest, 3 * tries * Math.min(p.interval().toMillis(), pause.toMillis()));
      }
    }
    return Duration.ofMillis(Math.max(30_000, longest));
  }

  /** Runs the plans; {@code rounds <= 0} means each plan's {@code passes-to-tick}. */
  public static List<PlanRuntime> run(List<PlanConfig> plans, Secrets secrets, int rounds) throws InterruptedException {
    return execute(plans, secrets, (vertx, r) -> rounds(r, rounds > 0 ? rounds : r.plan().defaults().passesToTick()));
  }

  private static List<PlanRuntime> execute(List<PlanConfig> plans, Secrets secrets,
      BiFunction<Vertx, PlanRuntime, Future<Void>> drive) throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    Store store = JdbcStore.open("jdbc:h2:mem:check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    WorkerExecutor storeWorkers = vertx.createSharedWorkerExecutor("golive-store", 2);
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("golive-blocking", 16);
    try (ProbeEnvironment env = new ProbeEnvironment(vertx, blocking, secrets)) {
      List<PlanRuntime> runtimes = new ArrayList<>();
      List<Future<Void>> all = new ArrayList<>();
      for (PlanConfig plan : plans) {
        PlanRuntime r = new PlanRuntime(plan,
            ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext(), store, storeWorkers, env);
        runtimes.add(r);
        all.add(drive.apply(vertx, r));
      }
      Future.join(all).toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
      // let queued store writes finish before the store closes
      storeWorkers.executeBlocking(() -> null, true).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      runtimes.forEach(PlanRuntime::close);
      return runtimes;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the check did not complete: " + e.getMessage(), e);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      store.close();
    }
  }

  private static Future<Void> rounds(PlanRuntime r, int remaining) {
    if (remaining <= 0) return Future.succeededFuture();
    Promise<Void> round = Promise.promise();
    r.context().runOnContext(v -> r.runAllOnce().onComplete(round));
    return round.future().compose(v -> rounds(r, remaining - 1));
  }
}
