package dev.golive.condition;

/**
 * How one condition evaluated. {@code explanation} shows the observed values in place, Gatus-style:
 * {@code [STATUS] (503) == 200}. {@link Outcome#NO_DATA} means a placeholder had no value (the probe did not
 * observe it, or a JSON path matched nothing); callers decide whether that counts as failure.
 */
public record ConditionResult(String condition, Outcome outcome, String explanation) {
  public enum Outcome { PASSED, FAILED, NO_DATA }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  public static ConditionResult passed(String condition, String explanation) {
    return new ConditionResult(condition, Outcome.PASSED, explanation);
  }

  public static ConditionResult failed(String condition, String explanation) {
    return new ConditionResult(condition, Outcome.FAILED, explanation);
  }

  public static ConditionResult noData(String condition, String explanation) {
    return new ConditionResult(condition, Outcome.NO_DATA, explanation);
  }
}
