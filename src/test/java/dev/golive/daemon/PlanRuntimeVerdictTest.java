package dev.golive.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import dev.golive.store.JdbcStore;
import dev.golive.verdict.GateStatus;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.PlanVerdict;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict is judged lazily: every read after a state change, from any thread, reflects that change. */
class PlanRuntimeVerdictTest {
  @TempDir Path dir;
  private Vertx vertx;
  private JdbcStore store;
  private PlanRuntime runtime;

  @AfterEach
  void stop() throws Exception {
    if (runtime != null) await(runtime.stored()); // a change still being written would race the temp directory's deletion
    if (vertx != null) await(vertx.close());
    if (store != null) store.close();
  }

  @Test
  void verdictFollowsEveryChangeReadFromAnotherThread() throws Exception {
    vertx = Vertx.vertx();
    store = JdbcStore.embedded(dir);
    WorkerExecutor storeWorkers = vertx.createSharedWorkerExecutor("golive-store", 2);
    ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking", 2),
        Secrets.of(Map.of()));
    ScriptedPlan plan = new ScriptedPlan("shop");
    runtime = new PlanRuntime(plan.config, vertx.getOrCreateContext(), store, storeWorkers, env);
    await(runtime.restore());

    PlanVerdict first = runtime.verdict();
    assertThat(first.go()).isFalse();
    assertMatchesItems(runtime);
    assertThat(first.gates().get(0).blocking()).anyMatch(b -> b.startsWith("GO-001 "))
        .anyMatch(b -> b.startsWith("rollback-plan "));
    assertThat(runtime.verdict()).isSameAs(first); // no change, no new judgement

    for (int i = 0; i < 3; i++) {
      await(run(runtime, "health"));
      assertMatchesItems(runtime);
    }
    assertThat(runtime.items().get("GO-001").state()).isEqualTo(ItemState.DONE);
    assertThat(runtime.verdict().gates().get(0).blocking()).noneMatch(b -> b.startsWith("GO-001 "));

    await(runtime.manual("rollback-plan", true, "ops", null));
    assertMatchesItems(runtime);
    assertThat(runtime.verdict().gates().get(0).blocking()).noneMatch(b -> b.startsWith("rollback-plan "));

    assertThat(runtime.verdict().go()).isTrue();
    plan.next.set(500);
    for (int i = 0; i < 3; i++) {
      await(run(runtime, "health"));
      assertMatchesItems(runtime);
    }
    assertThat(runtime.verdict().go()).isFalse();
    assertThat(runtime.verdict().gates().get(0).blocking()).anyMatch(b -> b.startsWith("GO-001 "));
  }

  /** The gate's blocking list is exactly the gate's items that are not done, with their current states. */
  private static void assertMatchesItems(PlanRuntime runtime) {
    GateStatus gate = runtime.verdict().gates().get(0);
    List<String> expected = List.of("GO-001", "GO-002", "rollback-plan").stream()
        .filter(id -> runtime.items().get(id).state() != ItemState.DONE)
        .map(id -> id + " (" + runtime.items().get(id).state().label() + ")").toList();
    assertThat(gate.blocking()).isEqualTo(expected);
    assertThat(gate.passed()).isEqualTo(expected.isEmpty());
    assertThat(runtime.verdict().go()).isEqualTo(expected.isEmpty());
  }

  private static Future<ProbeResult> run(PlanRuntime runtime, String probe) {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run(probe).onComplete(done));
    return done.future();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
