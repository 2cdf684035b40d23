package dev.golive.suggest;

import dev.golive.checklist.ChecklistItem;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checklist item as the rules see it: its text plus, for a table row, the row's other cells (a gate's condition
 * is often in the next column), folded for matching; the code spans of its source line; the plan's {@link Stack} and
 * the webhook provider the checklist names.
 */
record Subject(ChecklistItem item, String text, String folded, String codeSpan, Stack stack, String provider) {
  private static final Pattern URL = Pattern.compile("https?://[^\\s`'\"<>|)]+");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  static Subject of(ChecklistItem item, String sourceLine, Stack stack, String provider) {
    String text = item.text();
    if (sourceLine != null && sourceLine.strip().startsWith("|")) {
      text = text + " | " + sourceLine.replace('|', ' ').replaceAll("\\s+", " ").strip();
    }
    Matcher code = CODE.matcher(sourceLine == null ? "" : sourceLine);
    String span = code.find() ? code.group(1).strip() : null;
    return new Subject(item, text, Fold.fold(text), span, stack, provider);
  }

  /** The first http(s) URL written in the item, without a trailing dot or comma. */
  Optional<String> url() {
    Matcher m = URL.matcher(text);
    return m.find() ? Optional.of(m.group().replaceAll("[.,;:]+$", "")) : Optional.empty();
  }

  boolean mentions(String regex) {
    return Pattern.compile(regex).matcher(folded).find();
  }
}
