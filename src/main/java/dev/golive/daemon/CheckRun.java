package dev.golive.daemon;

import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.store.JdbcStore;
import dev.golive.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One pass for a CI pipeline: runs every probe of every plan {@code rounds} times in a row (enough passes to tick)
 * against a throw-away in-memory store, and returns the runtimes holding the outcome. Blocks the calling thread.
 */
public final class CheckRun {
  private CheckRun() {}

  /** Runs the plans; {@code rounds <= 0} means each plan's {@code passes-to-tick}. */
  public static List<PlanRuntime> run(List<PlanConfig> plans, Secrets secrets, int rounds) throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    Store store = JdbcStore.open("jdbc:h2:mem:check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    WorkerExecutor storeWorkers = vertx.createSharedWorkerExecutor("golive-store", 2);
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("golive-blocking", 16);
    try (ProbeEnvironment env = new ProbeEnvironment(vertx, blocking, secrets)) {
      List<PlanRuntime> runtimes = new ArrayList<>();
      List<Future<Void>> all = new ArrayList<>();
      for (PlanConfig plan : plans) {
        PlanRuntime r = new PlanRuntime(plan, vertx.getOrCreateContext(), store, storeWorkers, env);
        runtimes.add(r);
        int n = rounds > 0 ? rounds : plan.defaults().passesToTick();
        all.add(rounds(r, n));
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
