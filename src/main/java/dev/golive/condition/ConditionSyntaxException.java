package dev.golive.condition;

/** A condition's text cannot be parsed; {@link #column()} is 1-based within the condition text. */
public final class ConditionSyntaxException extends Exception {
  private final int column;

  public ConditionSyntaxException(int column, String message) {
    super(message);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
