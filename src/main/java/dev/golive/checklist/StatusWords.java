package dev.golive.checklist;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a table status cell in English, Vietnamese or Indonesian (words or emoji). */
final class StatusWords {
  private static final Map<DeclaredState, List<String>> WORDS = Map.of(
      DeclaredState.CHECKED, List.of("✅", "✔", "☑", "✓", "🟢", "[x]", "x", "done", "pass", "passed", "yes", "y", "ok",
          "complete", "completed", "ready", "selesai", "sudah", "lulus", "xong", "đã xong", "hoàn thành", "đã hoàn thành",
          "đạt", "đã"),
      DeclaredState.UNCHECKED, List.of("❌", "⬜", "☐", "✗", "✘", "🔴", "⛔", "[ ]", "todo", "to do", "to-do", "no", "not done",
          "not started", "open", "pending", "fail", "failed", "belum", "tidak", "gagal", "chưa", "chưa xong", "không",
          "chưa làm"),
      DeclaredState.PARTIAL, List.of("🔄", "⚠", "🟡", "⏳", "🚧", "[~]", "~", "partial", "partially", "in progress",
          "in-progress", "wip", "ongoing", "sedang", "sebagian", "sedang berjalan", "đang", "đang làm", "một phần"));
  private static final List<Map.Entry<String, DeclaredState>> BY_LENGTH = byLength();
  private static final Set<String> STATUS_HEADERS = Set.of("status", "state", "trạng thái", "tình trạng", "kết quả",
      "result", "hasil", "keadaan", "done", "progress", "tiến độ", "checked", "ok", "pass fail", "pass/fail",
      "✓", "✔", "✅", "done?", "ok?", "xong", "selesai", "sudah", "progres");

  /** GitHub/Slack shortcodes of the status marks, as people type them in tables. */
  private static final Map<String, String> SHORTCODES = Map.ofEntries(Map.entry(":white_check_mark:", "✅"),
      Map.entry(":heavy_check_mark:", "✔"), Map.entry(":ballot_box_with_check:", "☑"), Map.entry(":x:", "❌"),
      Map.entry(":negative_squared_cross_mark:", "❌"), Map.entry(":heavy_multiplication_x:", "✘"),
      Map.entry(":white_large_square:", "⬜"), Map.entry(":black_square_button:", "☐"),
      Map.entry(":red_circle:", "🔴"), Map.entry(":green_circle:", "🟢"), Map.entry(":yellow_circle:", "🟡"),
      Map.entry(":large_green_circle:", "🟢"), Map.entry(":no_entry:", "⛔"), Map.entry(":warning:", "⚠"),
      Map.entry(":construction:", "🚧"), Map.entry(":hourglass:", "⏳"), Map.entry(":hourglass_flowing_sand:", "⏳"),
      Map.entry(":arrows_counterclockwise:", "🔄"));
  private static final Pattern SHORTCODE = Pattern.compile(":[a-z_]+:");

  private StatusWords() {}

  /** A cell as shown: shortcodes of status marks turned into the marks ({@code :white_check_mark:} is ✅), folded. */
  static String mark(String cell) {
    Matcher m = SHORTCODE.matcher(cell);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(SHORTCODES.getOrDefault(m.group(), m.group())));
    m.appendTail(sb);
    return CleanText.fold(sb.toString());
  }

  /** The state a status cell states, or null when the cell is not a status word. */
  static DeclaredState parse(String cell) {
    String c = normalize(cell);
    if (c.isEmpty()) return null;
    for (Map.Entry<String, DeclaredState> e : BY_LENGTH) {
      String w = e.getKey();
      if (c.startsWith(w) && (c.length() == w.length() || !Character.isLetterOrDigit(c.codePointAt(w.length()))
          || !Character.isLetterOrDigit(w.codePointAt(0)))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Whether a header cell names a status column. */
  static boolean isStatusHeader(String header) {
    return STATUS_HEADERS.contains(normalize(header));
  }

  /** Whether a cell starts with a status emoji (so a column of them is a status column even without a header). */
  static boolean startsWithStatusEmoji(String cell) {
    String c = normalize(cell);
    if (c.isEmpty()) return false;
    int cp = c.codePointAt(0);
    return CleanText.pictograph(cp) && parse(c) != null;
  }

  static String normalize(String s) {
    String n = Normalizer.normalize(mark(CleanText.repair(s).text()), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    n = n.replaceAll("[`*_]", "").replace('\uFE0F', ' ');
    return CleanText.fold(n);
  }

  private static List<Map.Entry<String, DeclaredState>> byLength() {
    List<Map.Entry<String, DeclaredState>> all = new ArrayList<>();
    WORDS.forEach((state, words) -> words.forEach(w -> all.add(Map.entry(w, state))));
    all.sort(Comparator.comparingInt((Map.Entry<String, DeclaredState> e) -> -e.getKey().length())
        .thenComparing(Map.Entry::getKey));
    return all;
  }
}
