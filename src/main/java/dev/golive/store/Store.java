package dev.golive.store;

import dev.golive.verdict.ItemState;
import dev.golive.verdict.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Durable state: item states and the evidence of every change. All methods block (JDBC): call them from the
 * {@code golive-store} worker pool, never from an event loop. Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

  /** An item's stored state and since when it holds. */
  record StoredState(ItemState state, Instant since) {}

  /** The stored state of every item of a plan that ever changed. */
  Map<String, StoredState> states(String plan);

  /** Records a transition atomically: the evidence row and the item's new state. */
  void record(Transition transition);

  /** Records transitions in order; an implementation may write them in fewer transactions. */
  default void recordAll(List<Transition> transitions) {
    transitions.forEach(this::record);
  }

  /** The item's transitions, newest first, at most {@code limit}. */
  List<Transition> history(String plan, String itemId, int limit);

  @Override
  void close();
}
