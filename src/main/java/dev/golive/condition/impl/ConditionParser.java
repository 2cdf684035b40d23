package dev.golive.condition.impl;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionSyntaxException;

/** Placeholder: being implemented. */
public final class ConditionParser {
  private ConditionParser() {}

  public static Condition parse(String text) throws ConditionSyntaxException {
    throw new ConditionSyntaxException(1, "condition parser not implemented");
  }
}
