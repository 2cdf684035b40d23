package dev.golive.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's lines as written, and a cleaned copy with the same line count for the Markdown parser: a scraped web
 * view's gutter (lines holding only {@code |}, or a {@code 12 | } line-number prefix) and a byte-order mark removed.
 * {@link #offset(int)} maps a column of the cleaned copy back to the file.
 */
final class SourceText {
  private static final Pattern LONE_PIPE = Pattern.compile("^[ \\t]*[|│┃][ \\t]*$");
  private static final Pattern NUMBER_GUTTER = Pattern.compile("^[ \\t]*(\\d{1,5})[ \\t]*[|│┃][ \\t]?");
  private static final int MIN_GUTTER_LINES = 3;

  private final List<String> lines;
  private final List<String> cleaned;
  private final int[] offsets;
  private final List<LoadNote> notes = new ArrayList<>();

  SourceText(String text) {
    this.lines = split(text);
    this.cleaned = new ArrayList<>(lines);
    this.offsets = new int[lines.size()];
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      cleaned.set(0, lines.get(0).substring(1));
      offsets[0] = 1;
    }
    removeNumberGutter();
    removeLonePipes();
  }

  /** Splits like CommonMark: {@code \r\n}, {@code \r} or {@code \n} end a line. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
        start = i + 1;
      }
    }
    if (start < n) out.add(text.substring(start));
    return out;
  }

  List<String> lines() {
    return lines;
  }

  /** The cleaned line {@code index} (0-based). */
  String cleaned(int index) {
    return cleaned.get(index);
  }

  String cleanedText() {
    return String.join("\n", cleaned);
  }

  /** Characters removed at the start of line {@code index} (0-based). */
  int offset(int index) {
    return offsets[index];
  }

  List<LoadNote> notes() {
    return notes;
  }

  private void removeLonePipes() {
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < cleaned.size(); i++) {
      if (LONE_PIPE.matcher(cleaned.get(i)).matches()) hits.add(i);
    }
    if (hits.size() < MIN_GUTTER_LINES) return;
    for (int i : hits) cleaned.set(i, "");
    notes.add(new LoadNote(hits.get(0) + 1, hits.size() + " lines holding only '|' (the gutter of a page scraped from"
        + " a web view) were ignored"));
  }

  /** A gutter of consecutive line numbers before a '|': most non-blank lines carry one, numbered one by one. */
  private void removeNumberGutter() {
    int nonBlank = 0;
    int numbered = 0;
    int consecutive = 0;
    int previous = Integer.MIN_VALUE;
    for (String l : cleaned) {
      if (l.isBlank()) continue;
      nonBlank++;
      Matcher m = NUMBER_GUTTER.matcher(l);
      if (m.find()) {
        numbered++;
        int number = Integer.parseInt(m.group(1));
        if (number == previous + 1) consecutive++;
        previous = number;
      }
    }
    if (numbered < MIN_GUTTER_LINES || numbered * 10 < nonBlank * 8 || consecutive * 10 < numbered * 8) return;
    int first = -1;
    for (int i = 0; i < cleaned.size(); i++) {
      Matcher m = NUMBER_GUTTER.matcher(cleaned.get(i));
      if (m.find()) {
        if (first < 0) first = i;
        cleaned.set(i, cleaned.get(i).substring(m.end()));
        offsets[i] += m.end();
      }
    }
    notes.add(new LoadNote(first + 1, numbered + " lines start with a line-number gutter ('12 | ') from a page scraped"
        + " from a web view; the gutter was ignored"));
  }
}
