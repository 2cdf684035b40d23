package dev.golive.condition;

/**
 * Something wrong with a condition for the types of its placeholders, found when the plan loads: a literal that does
 * not fit ({@code '5 %' is not a number}) or a comparison that can never be true or never be false. A warning is a
 * problem only under {@code validate --strict}.
 *
 * @param column 1-based within the condition text
 */
public record ConditionProblem(int column, String message, boolean warning) {}
