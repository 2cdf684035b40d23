package dev.golive.probe;

import dev.golive.condition.Observation;
import io.vertx.core.Future;
import java.util.Set;

/**
 * The kind-specific half of a probe: looks at the system once and reports what it saw as placeholder values.
 * {@link #observe()} is called on a Vert.x event-loop thread and must not block it (blocking work goes to
 * {@link ProbeEnvironment#blocking()}). It may fail; the caller turns a failure, an exception or its own timeout
 * into a failed {@link ProbeResult}. An observer may keep state between runs (a previous scrape for rates) but is
 * never called again before its previous future completed.
 */
public interface Observer {
  Future<Observation> observe();

  /**
   * Words that say why a condition over {@code placeholders} failed on {@code observation}, when the values alone do
   * not (why a chain is not valid); appended to that condition's explanation. Null for nothing to add.
   */
  default String reason(Set<String> placeholders, Observation observation) {
    return null;
  }

  /**
   * True when {@link #observe()} always completes within the probe's timeout by itself (its own timer, which names
   * the phase it stopped in); the caller then sets no timer of its own for the run.
   */
  default boolean boundsItsOwnTime() {
    return false;
  }

  /** Releases clients or pools; called once when the plan stops. */
  default void close() {}
}
