package dev.golive.rollout;

import dev.golive.condition.ConditionResult;
import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.config.TriggerConfig;
import dev.golive.probe.ProbeResult;
import dev.golive.rollout.TriggerMachine.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a trigger against a probe result with the one condition evaluator. Condition triggers see the result's
 * observed values plus {@code [BASELINE]}; composite triggers count the critical probes whose last result failed.
 * Stateless.
 */
public final class TriggerEvaluator {
  private static final Set<String> DURATIONS = Set.of("RESPONSE_TIME", "AGE", "CERT_EXPIRY");

  private TriggerEvaluator() {}

  /**
   * How one evaluation came out.
   *
   * @param observed the condition with the observed values in place (or the failing probes, for a composite)
   * @param value the observed value alone, for alerts ({@code 0.071}, {@code 1.2s})
   */
  public record Evaluation(Signal fire, Boolean resolveHolds, String observed, String value) {}

  /** The placeholder a baseline averages: {@code VALUE}, or {@code RESPONSE_TIME} when only that is compared. */
  public static String baselineOf(TriggerConfig t) {
    if (t.fireWhen() == null) return "VALUE";
    Set<String> p = t.fireWhen().placeholders();
    return !p.contains("VALUE") && p.contains("RESPONSE_TIME") ? "RESPONSE_TIME" : "VALUE";
  }

  /** The baseline used: the recorded mean raised to the floor; null when neither exists. */
  public static Double effectiveBaseline(TriggerConfig t, Double mean) {
    if (t.baselineFloor() == null) return mean;
    return mean == null ? t.baselineFloor() : Math.max(mean, t.baselineFloor());
  }

  /** The threshold as on-call reads it: the condition, or the composite rule. */
  public static String threshold(TriggerConfig t) {
    return t.composite() ? "at least " + t.atLeast() + " of " + t.criticalProbes() + " failing"
        : t.fireWhen().text();
  }

  public static Evaluation condition(TriggerConfig t, ProbeResult r, Double baseline) {
    Observation o = observation(t, r, baseline);
    ConditionResult fire = t.fireWhen().evaluate(o);
    Signal signal = switch (fire.outcome()) {
      case PASSED -> Signal.BREACH;
      case FAILED -> Signal.CLEAR;
      case NO_DATA -> Signal.NO_DATA;
    };
    Boolean resolve = t.resolveWhen() == null ? null : t.resolveWhen().evaluate(o).passed();
    String valueName = t.fireWhen().placeholders().stream().filter(p -> !p.equals("BASELINE")).findFirst()
        .orElse("VALUE");
    Object value = r.observed().get(valueName);
    String shown = r.error() != null ? "no data: " + r.error() : fire.explanation();
    return new Evaluation(signal, resolve, shown, value == null ? null : String.valueOf(value));
  }

  public static Evaluation composite(TriggerConfig t, Map<String, ProbeResult> last) {
    List<String> failing = t.criticalProbes().stream().filter(p -> failed(last.get(p))).toList();
    boolean breach = failing.size() >= t.atLeast();
    String observed = failing.size() + " of " + t.criticalProbes().size() + " critical probes failing"
        + (failing.isEmpty() ? "" : " " + failing);
    return new Evaluation(breach ? Signal.BREACH : Signal.CLEAR, null, observed, String.valueOf(failing.size()));
  }

  /** A proven failure: an error or a failed condition (an inconclusive result is not one). */
  static boolean failed(ProbeResult r) {
    return r != null && !r.success() && !r.inconclusive();
  }

  static Observation observation(TriggerConfig t, ProbeResult r, Double baseline) {
    Observation.Builder b = Observation.builder();
    if (r.error() == null) {
      r.observed().forEach((k, v) -> b.put(k, DURATIONS.contains(k) ? duration(v) : v));
    }
    if (baseline != null) {
      b.put("BASELINE", baselineOf(t).equals("RESPONSE_TIME") ? Duration.ofNanos(Math.round(baseline * 1e9))
          : (Object) baseline);
    }
    return b.build();
  }

  private static Object duration(Object v) {
    if (v instanceof String s && !s.startsWith("-") && Durations.looksLikeDuration(s)) return Durations.parse(s);
    return v;
  }

  /** A baseline as text: a number, or a duration for response times. */
  public static String show(TriggerConfig t, Double baseline) {
    if (baseline == null) return null;
    if (baselineOf(t).equals("RESPONSE_TIME")) return Durations.format(Duration.ofNanos(Math.round(baseline * 1e9)));
    return baseline == Math.rint(baseline) && Math.abs(baseline) < 1e15 ? String.valueOf(baseline.longValue())
        : String.valueOf(baseline);
  }
}
