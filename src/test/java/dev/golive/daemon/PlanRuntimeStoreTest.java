package dev.golive.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.store.JdbcStore;
import dev.golive.store.Store;
import dev.golive.verdict.Transition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State changes reach the store in order, a burst in few transactions, and {@code stored()} waits for the last one. */
class PlanRuntimeStoreTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private JdbcStore store;

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    if (store != null) store.close();
  }

  @Test
  void aBurstOfChangesIsStoredInOrderInFewTransactions() throws Exception {
    store = JdbcStore.embedded(dir);
    AtomicInteger writes = new AtomicInteger();
    Store counting = new Store() {
      @Override
      public Map<String, StoredState> states(String plan) {
        return store.states(plan);
      }

      @Override
      public void record(Transition t) {
        writes.incrementAndGet();
        store.record(t);
      }

      @Override
      public void recordAll(List<Transition> ts) {
        writes.incrementAndGet();
        store.recordAll(ts);
      }

      @Override
      public List<Transition> history(String plan, String itemId, int limit) {
        return store.history(plan, itemId, limit);
      }

      @Override
      public void close() {}
    };
    ScriptedPlan plan = new ScriptedPlan("shop");
    ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking", 2),
        Secrets.of(Map.of()));
    PlanRuntime runtime = new PlanRuntime(plan.config, vertx.getOrCreateContext(), counting,
        vertx.createSharedWorkerExecutor("golive-store", 2), env);
    await(runtime.restore());

    int changes = 300;
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    runtime.context().runOnContext(v -> {
      List<Future<Transition>> all = new ArrayList<>();
      for (int i = 0; i < changes; i++) all.add(runtime.manual("rollback-plan", i % 2 == 0, "alice", "n" + i));
      Future.all(all).compose(x -> runtime.stored()).onComplete(done);
    });
    await(done.future());

    List<Transition> history = store.history("shop", "rollback-plan", 1000);
    assertThat(history).hasSize(changes);
    for (int i = 0; i < changes; i++) {
      assertThat(history.get(changes - 1 - i).note()).as("stored in the order they happened").isEqualTo("n" + i);
    }
    assertThat(writes.get()).as("300 changes in a burst take far fewer transactions").isLessThan(changes / 3);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
