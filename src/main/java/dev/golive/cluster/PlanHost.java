package dev.golive.cluster;

import io.vertx.core.Future;

/**
 * What runs plans in this process: the cluster starts a plan's runtime when it takes the plan's lease and stops it
 * when it loses or hands the lease over. Both are safe from any thread and idempotent.
 */
public interface PlanHost {
  /** Starts the plan (restore from the store, probes, windows, outbox); completes once it runs. */
  Future<Void> activate(String plan);

  /** Stops the plan (probes, timers, outbox deliveries, metrics); completes once nothing more is written for it. */
  Future<Void> deactivate(String plan);
}
