package dev.golive.cluster;

import dev.golive.alert.Alert;
import dev.golive.alert.AlertSink;
import dev.golive.rollout.HoldOutcome;
import dev.golive.rollout.RolloutStore;
import dev.golive.rollout.TriggerChange;
import dev.golive.store.Store;
import dev.golive.verdict.Transition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The plan writes of a replica routed through its {@link WriteBuffer}: item transitions with their evidence, trigger
 * changes, hold outcomes and alerts. Reads and deployments go straight to the database (a deployment marked during an
 * outage is refused with 503, so whoever marks it knows).
 */
final class Buffered {
  private static final long REPLAY_TIMEOUT_S = 30;

  private Buffered() {}

  static Store store(Store inner, WriteBuffer buffer) {
    buffer.replayAs("transition", (plan, change) -> {
      Transition t = WriteBuffer.JSON.treeToValue(change, Transition.class);
      return () -> inner.record(t);
    });
    return new Store() {
      @Override
      public Map<String, StoredState> states(String plan) {
        return inner.states(plan);
      }

      @Override
      public void record(Transition t) {
        buffer.write("transition", t.plan(), t, () -> inner.record(t));
      }

      @Override
      public List<Transition> history(String plan, String itemId, int limit) {
        return inner.history(plan, itemId, limit);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  static RolloutStore rolloutStore(DataSource db, WriteBuffer buffer) {
    RolloutStore direct = new RolloutStore(db);
    buffer.replayAs("trigger", (plan, change) -> {
      TriggerChange t = WriteBuffer.JSON.treeToValue(change, TriggerChange.class);
      return () -> direct.recordTrigger(t);
    });
    buffer.replayAs("hold", (plan, change) -> {
      String deployment = change.required("deployment").asText();
      HoldOutcome h = WriteBuffer.JSON.treeToValue(change.required("hold"), HoldOutcome.class);
      return () -> direct.recordHold(plan, deployment, h);
    });
    return new RolloutStore(db) {
      @Override
      public void recordTrigger(TriggerChange t) {
        buffer.write("trigger", t.plan(), t, () -> super.recordTrigger(t));
      }

      @Override
      public void recordHold(String plan, String deploymentId, HoldOutcome h) {
        buffer.write("hold", plan, Map.of("deployment", deploymentId, "hold", h),
            () -> super.recordHold(plan, deploymentId, h));
      }
    };
  }

  /** Replays held-back alerts into the plan's sink ({@code sinks}: plan -> its outbox). */
  static void replayAlerts(java.util.function.Function<String, AlertSink> sinks, WriteBuffer buffer) {
    buffer.replayAs("alert", (plan, change) -> {
      Alert a = WriteBuffer.JSON.treeToValue(change, Alert.class);
      return () -> await(sinks.apply(a.plan()).publish(a));
    });
  }

  /** Stores the alert through the buffer on a worker thread (never blocking the caller's event loop). */
  static AlertSink sink(AlertSink inner, WriteBuffer buffer, Vertx vertx) {
    return alert -> vertx.executeBlocking(() -> {
      buffer.write("alert", alert.plan(), alert, () -> await(inner.publish(alert)));
      return null;
    }, false);
  }

  private static void await(Future<Void> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(REPLAY_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }
}
