package dev.golive.checklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Makes the live, ticked copy of a checklist: the original text, byte for byte, except that each item's checkbox (or
 * table status cell) shows its live state. Lines that hold no item are unchanged, line endings included.
 */
public final class ChecklistRenderer {
  private static final Map<String, String> CELL = Map.of("done", "✅ done", "passing", "🔄 passing", "pending",
      "⬜ pending", "manual", "✋ manual", "failing", "❌ failing", "regressed", "❌ regressed", "contradicted",
      "❌ contradicted");
  private static final Map<String, String> CELL_MARK = Map.of("x", "✅", "X", "✅", " ", "⬜", "~", "🔄");

  private ChecklistRenderer() {}

  /**
   * The checklist's text with live states. {@code liveState} gives, for each item, either a one-character checkbox
   * mark ({@code "x"}, {@code " "}, {@code "~"}) put in the box as is, or a state word ({@code done}, {@code failing},
   * ...): {@code done} ticks the box, any other word clears it and is shown after the item as
   * {@code _(golive: failing)_} ({@code pending} is shown by the empty box alone). A table row's status cell gets the
   * word with its emoji; an item without a checkbox (a flattened row) gets the suffix. {@code null} leaves the item as
   * written.
   */
  public static String render(Checklist checklist, Function<ChecklistItem, String> liveState) {
    String text = checklist.text();
    List<int[]> bounds = lineBounds(text);
    Map<Integer, List<ChecklistItem>> byLine = new TreeMap<>();
    for (ChecklistItem i : checklist.items()) {
      if (i.line() >= 1 && i.line() <= bounds.size()) byLine.computeIfAbsent(i.line(), k -> new ArrayList<>()).add(i);
    }
    StringBuilder out = new StringBuilder(text.length() + 256);
    int lineNo = 0;
    for (int[] b : bounds) {
      lineNo++;
      String line = text.substring(b[0], b[1]);
      List<ChecklistItem> items = byLine.get(lineNo);
      if (items != null) {
        items.sort(Comparator.comparingInt(ChecklistItem::column).reversed());
        for (ChecklistItem i : items) {
          String state = liveState.apply(i);
          if (state != null && !state.isEmpty()) line = mark(line, i.column() - 1, state);
        }
      }
      out.append(line).append(text, b[1], b[2]);
    }
    return out.toString();
  }

  private static String mark(String line, int col, String state) {
    boolean single = state.length() == 1;
    String word = state.trim().toLowerCase(Locale.ROOT);
    String suffix = single || word.equals("done") || word.equals("pending") ? "" : " _(golive: " + word + ")_";
    if (col >= 0 && col + 2 < line.length() && line.charAt(col) == '[' && line.charAt(col + 2) == ']') {
      String box = single ? state : word.equals("done") ? "x" : " ";
      return appendSuffix(line.substring(0, col + 1) + box + line.substring(col + 2), suffix);
    }
    if (col >= 0 && col <= line.length() && insideCell(line, col)) {
      String cell = single ? CELL_MARK.getOrDefault(state, state) : CELL.getOrDefault(word, word);
      int end = col;
      while (end < line.length() && !(line.charAt(end) == '|' && (end == 0 || line.charAt(end - 1) != '\\'))) end++;
      int contentEnd = end;
      while (contentEnd > col && Character.isWhitespace(line.charAt(contentEnd - 1))) contentEnd--;
      String before = line.substring(0, col);
      if (col < line.length() && contentEnd == col && !before.endsWith(" ")) before += " ";
      String gap = contentEnd < end ? line.substring(contentEnd, end) : " ";
      return before + cell + gap + line.substring(end);
    }
    String plainSuffix = single ? " [" + state + "]" : " _(golive: " + word + ")_";
    return appendSuffix(line, plainSuffix);
  }

  /** Whether {@code col} starts a table cell: only blanks between it and the preceding pipe. */
  private static boolean insideCell(String line, int col) {
    int k = col - 1;
    while (k >= 0 && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) k--;
    return k >= 0 && line.charAt(k) == '|' && (k == 0 || line.charAt(k - 1) != '\\');
  }

  private static String appendSuffix(String line, String suffix) {
    if (suffix.isEmpty()) return line;
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) end--;
    return line.substring(0, end) + suffix + line.substring(end);
  }

  /** [start, end of content, end including the line break] of every line, as CommonMark splits them. */
  private static List<int[]> lineBounds(String text) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end = i;
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
        out.add(new int[] {start, end, i + 1});
        start = i + 1;
      }
    }
    if (start < n) out.add(new int[] {start, n, n});
    return out;
  }
}
