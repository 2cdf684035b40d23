package dev.golive.condition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a condition's text before it is parsed, so that no input can overflow the parser's stack, hang it, or pass
 * with a character or a number that cannot mean what it says: a length limit, a nesting limit for {@code (} and
 * {@code [}, no control characters, and no number literal beyond the range of a double.
 */
final class ConditionLimits {
  static final int MAX_LENGTH = 4096;
  static final int MAX_NESTING = 32;
  private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.])(\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)[\\p{L}%]*");

  private ConditionLimits() {}

  static void check(String text) throws ConditionSyntaxException {
    if (text == null) return;
    if (text.length() > MAX_LENGTH) {
      throw new ConditionSyntaxException(MAX_LENGTH + 1, "longer than " + MAX_LENGTH + " characters");
    }
    int depth = 0;
    boolean quoted = false;
    StringBuilder outside = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        throw new ConditionSyntaxException(i + 1, String.format("control character U+%04X in the condition", (int) c)
            + (c == 0 ? " (NUL)" : "") + "; a condition is one line of printable text");
      }
      if (quoted) {
        if (c == '\\') {
          i++;
          outside.append("  ");
          continue;
        }
        if (c == '"') quoted = false;
        outside.append(' ');
        continue;
      }
      outside.append(c);
      if (c == '"') quoted = true;
      else if (c == '(' || c == '[') {
        if (++depth > MAX_NESTING) {
          throw new ConditionSyntaxException(i + 1, "nested deeper than " + MAX_NESTING + " levels of '(' and '['");
        }
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      }
    }
    Matcher m = NUMBER.matcher(outside);
    while (m.find()) {
      if (Double.isInfinite(Double.parseDouble(m.group(1)))) {
        throw new ConditionSyntaxException(m.start() + 1, "'" + abbreviate(m.group()) + "' is out of range"
            + " (numbers between 1e-300 and 1e300)");
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 24 ? s : s.substring(0, 21) + "...";
  }
}
