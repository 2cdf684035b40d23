package dev.golive.probe;

import dev.golive.condition.ConditionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of a probe, and the evidence behind it: what was observed (placeholder values, summarized and with
 * secrets redacted), each condition with its explanation, and the error when the observation itself failed
 * (timeout, refused connection). {@code success} is true only when every condition passed. {@code overloaded} says
 * golive itself was starved during the run (it started late, or its event loop stalled): its timings are not the
 * target's, so it feeds no trigger or baseline, and a run that did not pass is inconclusive (never fails or
 * regresses); a run that passed still passes.
 */
public record ProbeResult(
    String probeId,
    String kind,
    Instant startedAt,
    Duration duration,
    boolean success,
    List<ConditionResult> conditions,
    Map<String, Object> observed,
    String error,
    String overloaded) {

  public ProbeResult {
    conditions = List.copyOf(conditions);
    observed = Map.copyOf(observed);
  }

  public ProbeResult(String probeId, String kind, Instant startedAt, Duration duration, boolean success,
      List<ConditionResult> conditions, Map<String, Object> observed, String error) {
    this(probeId, kind, startedAt, duration, success, conditions, observed, error, null);
  }

  /** This result, marked as run while golive was overloaded ({@code why} says how). */
  public ProbeResult asOverloaded(String why) {
    return new ProbeResult(probeId, kind, startedAt, duration, success, conditions, observed, error, why);
  }

  /**
   * True when the run is neither a pass nor a proven failure: golive was overloaded, or some condition had no data
   * and none failed.
   */
  public boolean inconclusive() {
    if (overloaded != null) return !success;
    return !success && error == null
        && conditions.stream().noneMatch(c -> c.outcome() == ConditionResult.Outcome.FAILED);
  }

  /** One line for logs and tables: the overload, the error, the first failing condition's explanation, or "ok". */
  public String summary() {
    if (overloaded != null && !success) return overloaded;
    if (error != null) return error;
    return conditions.stream().filter(c -> !c.passed()).map(ConditionResult::explanation).findFirst().orElse("ok");
  }
}
