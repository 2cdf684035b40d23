package dev.golive.rollout;

import dev.golive.condition.ConditionResult;
import dev.golive.condition.Format;
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
   * @param value the observed value alone in the unit of the condition, for alerts ({@code 7.1%}, {@code 1.2s})
   * @param resolvedBy what a resolve at this evaluation says: {@code back under the threshold: [VALUE] (2%) <= 5%}
   */
  public record Evaluation(Signal fire, Boolean resolveHolds, String observed, String value, String resolvedBy) {}

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
    ConditionResult resolve = t.resolveWhen() == null ? null : t.resolveWhen().evaluate(o);
    String valueName = t.fireWhen().placeholders().stream().filter(p -> !p.equals("BASELINE")).findFirst()
        .orElse("VALUE");
    Object value = o.get(valueName).orElse(null);
    String shown = r.error() != null ? "no data: " + r.error() : fire.explanation();
    if (r.error() == null && fire.outcome() == ConditionResult.Outcome.FAILED) {
      ConditionResult holds = t.fireWhen().negated().evaluate(o);
      if (holds.passed()) shown = holds.explanation();
    }
    String resolvedBy = resolve != null && resolve.passed() ? "resolve-when holds: " + resolve.explanation()
        : signal == Signal.CLEAR ? back(t.fireWhen().text()) + shown : null;
    return new Evaluation(signal, resolve == null ? null : resolve.passed(), shown,
        value == null ? null : t.fireWhen().show(valueName, value), resolvedBy);
  }

  /** {@code back under the threshold: } for a {@code >} trigger, {@code back above} for {@code <}. */
  private static String back(String condition) {
    int gt = condition.indexOf('>');
    int lt = condition.indexOf('<');
    if (gt >= 0 && (lt < 0 || gt < lt)) return "back under the threshold: ";
    if (lt >= 0) return "back above the threshold: ";
    return "no longer breaching: ";
  }

  public static Evaluation composite(TriggerConfig t, Map<String, ProbeResult> last) {
    List<String> failing = t.criticalProbes().stream().filter(p -> failed(last.get(p))).toList();
    boolean breach = failing.size() >= t.atLeast();
    String observed = failing.size() + " of " + t.criticalProbes().size() + " critical probes failing"
        + (failing.isEmpty() ? "" : " " + failing);
    return new Evaluation(breach ? Signal.BREACH : Signal.CLEAR, null, observed, String.valueOf(failing.size()),
        breach ? null : "back under the threshold: " + observed);
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
    if (baselineOf(t).equals("RESPONSE_TIME")) {
      return t.fireWhen().show("BASELINE", Duration.ofNanos(Math.round(baseline * 1e9)));
    }
    return t.fireWhen() == null ? Format.number(baseline) : t.fireWhen().show("BASELINE", baseline);
  }
}
