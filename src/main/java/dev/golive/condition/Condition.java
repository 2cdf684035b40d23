package dev.golive.condition;

import dev.golive.condition.impl.ConditionParser;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Gatus-style condition such as {@code [STATUS] == 200}, {@code [BODY].items[*].tenant == acme},
 * {@code len([BODY].errors) == 0}, {@code [CERT_EXPIRY] > 30d} or {@code [VALUE] > [BASELINE] * 1.5}.
 * The one evaluator behind every probe kind and every rollback trigger. Immutable and thread-safe.
 */
public interface Condition {

  /** Parses a condition; the exception's column points into {@code text}. Limits: {@link ConditionLimits}. */
  static Condition parse(String text) throws ConditionSyntaxException {
    ConditionLimits.check(text);
    return ConditionParser.parse(text);
  }

  /** The condition as the user wrote it. */
  String text();

  /** Placeholder names used, without brackets: {@code STATUS}, {@code BODY}, {@code BASELINE}... */
  Set<String> placeholders();

  /** Evaluates against an observation; never throws: a type mismatch is a failure that says so. */
  ConditionResult evaluate(Observation observation);

  /**
   * Checks the condition against its placeholders' types ({@code subject} names whose values they are, e.g.
   * {@code promql probe 'error-rate'}): literals that do not fit, comparisons that can never be true or never false.
   */
  default List<ConditionProblem> check(Placeholders types, String subject) {
    return List.of();
  }

  /** The condition bound to its placeholders' types: values shown in their unit, percents compared as meant. */
  default Condition typed(Placeholders types) {
    return this;
  }

  /** The opposite claim ({@code >} becomes {@code <=}), to say what holds once the condition no longer does. */
  default Condition negated() {
    return this;
  }

  /** A value of {@code placeholder} as this condition shows it: {@code 5.36%}, {@code 1.2s}, {@code 1.5 KiB}. */
  default String show(String placeholder, Object value) {
    return value instanceof Number n ? Format.number(n) : String.valueOf(value);
  }

  /** The placeholders this condition uses that are not in {@code allowed}, sorted; empty when all are known. */
  default Set<String> unknownPlaceholders(Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(placeholders());
    unknown.removeAll(allowed);
    return unknown;
  }
}
