package dev.golive.checklist;

import java.io.IOException;

/**
 * A user's file is refused: too large, too deep, too many items, binary or not a regular file. {@link #line()} and
 * {@link #column()} (1-based) say where; the message says what the limit is.
 */
public final class InputLimitException extends IOException {
  private final int line;
  private final int column;

  public InputLimitException(int line, int column, String message) {
    super(message);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
