package dev.golive.checklist;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a checklist text before the Markdown parser sees it, in one linear pass, when it is binary (a NUL byte),
 * when one line opens more than {@link ChecklistLoader#MAX_NESTING} lists and quotes, or when it has more lines that
 * can be items (task lines, table rows) than {@link ChecklistLoader#MAX_ITEMS} plus the table headers. The parser's
 * own tree is checked again by {@link MarkdownReader}; this pass keeps the parser from spending seconds first.
 */
final class ChecklistLimits {
  /** Leading container markers of one line: quotes, bullets, ordered-list numbers. */
  private static final Pattern MARKER = Pattern.compile("\\G[ \\t]{0,3}(?:>|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t]))");
  private static final Pattern TASK = Pattern.compile("^[ \\t]*(?:>[ \\t]*)*(?:[-*+•]|\\d{1,9}[.)])[ \\t]*\\[.?\\]");

  private ChecklistLimits() {}

  static void check(String text) throws InputLimitException {
    int line = 0;
    int candidates = 0;
    int tables = 0;
    int start = 0;
    int n = text.length();
    while (start <= n) {
      int end = start;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
      line++;
      String l = text.substring(start, end);
      int nul = l.indexOf('\0');
      if (nul >= 0) {
        throw new InputLimitException(line, nul + 1, "a NUL byte: this is a binary file, not a Markdown checklist");
      }
      Matcher m = MARKER.matcher(l);
      int depth = 0;
      while (m.find()) {
        if (++depth > ChecklistLoader.MAX_NESTING) {
          throw new InputLimitException(line, m.end(), "lists and quotes nested deeper than "
              + ChecklistLoader.MAX_NESTING + " levels");
        }
      }
      if (tableDelimiter(l)) tables++;
      else if (l.indexOf('|') >= 0 || TASK.matcher(l).find()) candidates++;
      if (candidates - tables > ChecklistLoader.MAX_ITEMS) {
        throw new InputLimitException(line, 1, "more than " + ChecklistLoader.MAX_ITEMS
            + " items; split the checklist into several plans");
      }
      if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') end++;
      start = end + 1;
    }
  }

  /** A table's header delimiter row such as {@code |---|:--:|}: only pipes, dashes, colons and blanks. */
  private static boolean tableDelimiter(String l) {
    boolean dash = false;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (c == '-') dash = true;
      else if (c != '|' && c != ':' && c != ' ' && c != '\t') return false;
    }
    return dash;
  }
}
