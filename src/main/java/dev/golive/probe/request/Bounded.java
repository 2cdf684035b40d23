package dev.golive.probe.request;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Runs asynchronous tasks with at most {@code limit} in flight. */
public final class Bounded {
  private Bounded() {}

  /**
   * Starts the tasks in order, never more than {@code limit} at once, and completes with their results in task order
   * once all finished. Call on a Vert.x context: the tasks' futures must complete on that context. A task that fails
   * or throws fails the whole future; tasks that must not stop the others should recover themselves.
   */
  public static <T> Future<List<T>> all(List<Supplier<Future<T>>> tasks, int limit) {
    if (tasks.isEmpty()) return Future.succeededFuture(List.of());
    Promise<List<T>> done = Promise.promise();
    Object[] results = new Object[tasks.size()];
    int[] next = {0};
    int[] finished = {0};
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next[0]++;
      Future<T> f;
      try {
        f = tasks.get(i).get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        results[i] = ar.result();
        finished[0]++;
        if (finished[0] == tasks.size()) {
          @SuppressWarnings("unchecked")
          List<T> list = (List<T>) new ArrayList<>(Arrays.asList(results));
          done.tryComplete(list);
        } else if (next[0] < tasks.size() && !done.future().isComplete()) {
          launch[0].run();
        }
      });
    };
    for (int k = 0; k < Math.min(Math.max(1, limit), tasks.size()); k++) launch[0].run();
    return done.future();
  }
}
