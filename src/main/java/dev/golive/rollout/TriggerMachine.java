package dev.golive.rollout;

/**
 * The state machine of one trigger in one deployment: {@code ok} → {@code pending} (breaching, fewer than
 * {@code for} in a row) → {@code firing} after exactly {@code for} consecutive breaches → {@code ok} again when the
 * resolve rule holds (the resolve condition passes, or, without one, the fire condition stops holding).
 *
 * <p>No data (the probe observed nothing, or a placeholder had no value) follows the trigger's policy: {@code fail}
 * counts it as a breach; {@code ignore} skips the evaluation silently; {@code inconclusive} keeps the state and the
 * count of breaches but marks the trigger as without data (recorded once, shown by the API). Not thread-safe: one
 * plan's machines are used from its own context only.
 */
public final class TriggerMachine {
  public enum Signal { BREACH, CLEAR, NO_DATA }

  public static final String OK = "ok";
  public static final String PENDING = "pending";
  public static final String FIRING = "firing";

  /** A change: the state before and after, the consecutive breaches, and whether data was missing. */
  public record Step(String from, String to, int consecutive, boolean noData) {
    public boolean fired() {
      return to.equals(FIRING) && !from.equals(FIRING);
    }

    public boolean resolved() {
      return from.equals(FIRING) && !to.equals(FIRING);
    }
  }

  private final int forCount;
  private final String noDataPolicy;
  private String state = OK;
  private int breaches;
  private boolean noData;

  public TriggerMachine(int forCount, String noDataPolicy) {
    this.forCount = forCount;
    this.noDataPolicy = noDataPolicy;
  }

  public String state() {
    return state;
  }

  public int breaches() {
    return breaches;
  }

  public boolean noData() {
    return noData;
  }

  public boolean firing() {
    return state.equals(FIRING);
  }

  /** Restores a stored state after a restart. */
  public void restore(String state, int breaches, boolean noData) {
    this.state = state;
    this.breaches = breaches;
    this.noData = noData;
  }

  /**
   * Feeds one evaluation.
   *
   * @param fire how the fire condition evaluated
   * @param resolveHolds whether the resolve condition passed, or null when the trigger has none
   * @return the change, or null when nothing changed (state, count and no-data flag all the same)
   */
  public Step observe(Signal fire, Boolean resolveHolds) {
    String from = state;
    int before = breaches;
    boolean noDataBefore = noData;
    Signal f = fire;
    if (f == Signal.NO_DATA) {
      switch (noDataPolicy) {
        case "fail" -> f = Signal.BREACH;
        case "ignore" -> {
          return null;
        }
        default -> {
          noData = true;
          return noDataBefore ? null : new Step(from, state, breaches, true);
        }
      }
    }
    noData = false;
    if (state.equals(FIRING)) {
      boolean resolve = resolveHolds == null ? f == Signal.CLEAR : resolveHolds;
      if (resolve) {
        state = OK;
        breaches = 0;
      }
    } else if (f == Signal.BREACH) {
      breaches = Math.min(breaches + 1, forCount);
      state = breaches >= forCount ? FIRING : PENDING;
    } else {
      breaches = 0;
      state = OK;
    }
    if (from.equals(state) && before == breaches && noDataBefore == noData) return null;
    return new Step(from, state, breaches, noData);
  }

  /** Ends the trigger (its windows closed or the deployment was superseded); a change when it was not ok. */
  public Step close() {
    if (state.equals(OK) && breaches == 0) return null;
    String from = state;
    state = OK;
    breaches = 0;
    noData = false;
    return new Step(from, OK, 0, false);
  }
}
