package dev.golive.verdict;

import dev.golive.checklist.DeclaredState;

/**
 * The debounce state machine of one item. An item ticks ({@code done}) after {@code passesToTick} consecutive passes
 * and regresses after {@code failuresToRegress} consecutive failures; an item the file claims ({@code [x]}) whose
 * probes keep failing is {@code contradicted}. Items without probes are {@code manual} until a person ticks them (or
 * the file does). Not thread-safe: each plan's trackers are used from its own context only.
 */
public final class ItemTracker {
  private final String itemId;
  private final DeclaredState declared;
  private final boolean probed;
  private final int passesToTick;
  private final int failuresToRegress;
  private ItemState state;
  private int passes;
  private int failures;

  public ItemTracker(String itemId, DeclaredState declared, boolean probed, int passesToTick, int failuresToRegress) {
    this.itemId = itemId;
    this.declared = declared;
    this.probed = probed;
    this.passesToTick = passesToTick;
    this.failuresToRegress = failuresToRegress;
    this.state = initialState();
  }

  /** The state before any evidence: manual items claimed by the file count as done. */
  public ItemState initialState() {
    if (probed) return ItemState.PENDING;
    return declared == DeclaredState.CHECKED ? ItemState.DONE : ItemState.MANUAL;
  }

  public String itemId() {
    return itemId;
  }

  public boolean probed() {
    return probed;
  }

  public ItemState state() {
    return state;
  }

  /**
   * True once a one-off check has its answer for this item: it ticked, or its probes failed {@code failuresToRegress}
   * times in a row (or it has no probes). An item still between the two is not settled.
   */
  public boolean settled() {
    return !probed || state == ItemState.DONE || failures >= failuresToRegress;
  }

  /** Restores a stored state after a restart (counters start again from zero). */
  public void restore(ItemState stored) {
    this.state = stored;
  }

  /** Feeds one evaluation of the item's probes; returns the new state (the same when nothing changed). */
  public ItemState observe(boolean passed) {
    if (!probed) return state;
    if (passed) {
      failures = 0;
      passes++;
      if (state != ItemState.DONE) state = passes >= passesToTick ? ItemState.DONE : pendingPass();
    } else {
      passes = 0;
      failures++;
      state = switch (state) {
        case DONE -> failures >= failuresToRegress ? ItemState.REGRESSED : ItemState.DONE;
        case REGRESSED, CONTRADICTED -> state;
        default -> declared == DeclaredState.CHECKED
            ? (failures >= failuresToRegress ? ItemState.CONTRADICTED : ItemState.PENDING)
            : ItemState.FAILING;
      };
    }
    return state;
  }

  /** A pass that has not ticked yet keeps regressed and contradicted items visible until they tick again. */
  private ItemState pendingPass() {
    return state == ItemState.REGRESSED || state == ItemState.CONTRADICTED ? state : ItemState.PASSING;
  }

  /** A person ticks (true) or unticks (false) an item that has no probes. */
  public ItemState manual(boolean ticked) {
    if (probed) throw new IllegalStateException("item " + itemId + " is ticked by probes, not by hand");
    state = ticked ? ItemState.DONE : ItemState.MANUAL;
    return state;
  }
}
