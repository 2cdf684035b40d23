package dev.golive.probe;

import dev.golive.condition.ConditionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of a probe, and the evidence behind it: what was observed (placeholder values, summarized and with
 * secrets redacted), each condition with its explanation, and the error when the observation itself failed
 * (timeout, refused connection). {@code success} is true only when every condition passed.
 */
public record ProbeResult(
    String probeId,
    String kind,
    Instant startedAt,
    Duration duration,
    boolean success,
    List<ConditionResult> conditions,
    Map<String, Object> observed,
    String error) {

  public ProbeResult {
    conditions = List.copyOf(conditions);
    observed = Map.copyOf(observed);
  }

  /** True when some condition had no data and none failed: neither a pass nor a proven failure. */
  public boolean inconclusive() {
    return !success && error == null
        && conditions.stream().noneMatch(c -> c.outcome() == ConditionResult.Outcome.FAILED);
  }

  /** One line for logs and tables: the error, or the first failing condition's explanation, or "ok". */
  public String summary() {
    if (error != null) return error;
    return conditions.stream().filter(c -> !c.passed()).map(ConditionResult::explanation).findFirst().orElse("ok");
  }
}
