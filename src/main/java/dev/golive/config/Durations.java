package dev.golive.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as SREs write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)");
  /** A whole duration spelling, checked before parsing so that most non-durations cost no exception. */
  private static final Pattern SPELLING = Pattern.compile("\\s*(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d|w))+\\s*");

  /** Longest duration parsed at all (about 3,000 years), so no sum overflows. */
  private static final double MAX_PARSED_MILLIS = 1e14;

  private Durations() {}

  /** Parses a duration; throws {@link IllegalArgumentException} whose message says what is accepted. */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) throw new IllegalArgumentException("empty duration (expected e.g. 500ms, 30s, 5m, 24h, 7d)");
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("bad duration '" + Text.abbreviate(text, 40) + "' (expected e.g. 500ms, 30s, 5m, 24h, 7d)");
      }
      double n = Double.parseDouble(m.group(1));
      long millis = switch (m.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1_000L;
        case "m" -> 60_000L;
        case "h" -> 3_600_000L;
        case "d" -> 86_400_000L;
        default -> 7 * 86_400_000L;
      };
      if (n * millis > MAX_PARSED_MILLIS || total.toMillis() + n * millis > MAX_PARSED_MILLIS) {
        throw new IllegalArgumentException("duration '" + Text.abbreviate(text, 40) + "' is too long");
      }
      total = total.plusMillis(Math.round(n * millis));
      at = m.end();
    }
    return total;
  }

  /** True when the text is a duration literal such as {@code 30s}. */
  public static boolean looksLikeDuration(String text) {
    if (text == null || !SPELLING.matcher(text).matches()) return false;
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The shortest exact spelling: {@code 90s} becomes {@code 1m30s}; zero is {@code 0s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) return "0s";
    StringBuilder b = new StringBuilder();
    if (ms < 0) {
      b.append('-');
      ms = -ms;
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        b.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return b.toString();
  }
}
