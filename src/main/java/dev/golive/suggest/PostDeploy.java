package dev.golive.suggest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Post-deploy phrases: "30 minutes after" / "30 menit setelah" / "30 phút sau" (and "first 24h") make a window;
 * "rollback if error rate > 5%" / "rollback jika ..." / "rollback nếu ..." makes a trigger on the probe its condition
 * names.
 */
final class PostDeploy {
  private static final String UNIT = "(minutes?|mins?|m|menit|phut|hours?|hrs?|h|jam|gio|days?|d|hari|ngay)";
  private static final Pattern AFTER = Pattern.compile("(?<![a-z0-9])(\\d+)\\s*" + UNIT
      + "\\s+(?:after|post|setelah|sesudah|pasca|sau)(?![a-z])");
  private static final Pattern FIRST = Pattern.compile("(?:first|pertama|dau tien|trong)\\s+(\\d+)\\s*" + UNIT
      + "(?![a-z])");
  /** "Rollback (immediately) if ...", at the start of the item (after an item code). */
  private static final Pattern ROLLBACK = Pattern.compile("^(?:[a-z]+-\\d+\\s+)?(?:roll ?back|revert|kembalikan"
      + "|hoan tac|quay lui)\\w*(?:\\s+\\w+){0,2}?\\s+(?:if|when|once|jika|bila|apabila|kalau|neu|khi)\\s+(.+)");

  private static final Pattern SECTION = Pattern.compile("(?:roll ?back|revert|hoan tac|quay lui)\\w*"
      + "\\s+(?:triggers?|criteria|conditions?|if|when)|(?:triggers?|criteria|conditions?|kriteria|syarat|pemicu"
      + "|dieu kien|tieu chi)\\s+(?:for\\s+|untuk\\s+|de\\s+)?(?:roll ?back|hoan tac)");

  private PostDeploy() {}

  /** The window an item's text or section names, as a duration such as {@code 30m}, {@code 1h}, {@code 7d}. */
  static Optional<String> window(String folded) {
    Matcher m = AFTER.matcher(folded);
    if (!m.find()) {
      m = FIRST.matcher(folded);
      if (!m.find()) return Optional.empty();
    }
    String unit = Threshold.canonicalUnit(m.group(2));
    return Optional.of(m.group(1) + unit);
  }

  /** The condition clause of a rollback phrase ("error rate > 5%"), if the item is one. */
  static Optional<String> rollbackClause(String folded) {
    Matcher m = ROLLBACK.matcher(folded);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A section listing rollback conditions: "Rollback triggers", "Kriteria rollback", "Điều kiện hoàn tác". */
  static boolean rollbackSection(String foldedSection) {
    return SECTION.matcher(foldedSection).find();
  }
}
