package dev.golive.condition;

import dev.golive.condition.impl.ConditionParser;
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

  /** The placeholders this condition uses that are not in {@code allowed}, sorted; empty when all are known. */
  default Set<String> unknownPlaceholders(Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(placeholders());
    unknown.removeAll(allowed);
    return unknown;
  }
}
