package dev.golive.probe.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, tolerant parser for the Prometheus text exposition format (and the OpenMetrics text that Prometheus
 * clients also serve): skips comments, blank and malformed lines; reads label values with {@code \\}, {@code \"} and
 * {@code \n} escapes, {@code +Inf}/{@code -Inf}/{@code NaN} values, optional timestamps, exemplars
 * ({@code # {...}} after the value) and quoted UTF-8 metric names ({@code {"my.metric", a="b"}}). Stateless.
 */
public final class Exposition {
  private Exposition() {}

  /** The sample on {@code line}, or null for comments, blank and malformed lines. */
  public static Sample parseLine(String line) {
    try {
      return new Reader(line).sample();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** True when {@code line} may be a sample of {@code metric}: a cheap filter before {@link #parseLine}. */
  public static boolean mayBe(String line, String metric) {
    String s = line.stripLeading();
    if (s.startsWith("{")) return s.contains(metric);
    if (!s.startsWith(metric)) return false;
    if (s.length() == metric.length()) return false;
    char next = s.charAt(metric.length());
    return next == '{' || next == ' ' || next == '\t';
  }

  /** Parses a value: a float, {@code +Inf}, {@code -Inf}, {@code Inf} or {@code NaN} (any case). */
  public static double parseValue(String text) {
    String s = text.trim();
    switch (s.toLowerCase()) {
      case "+inf", "inf", "+infinity", "infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan" -> {
        return Double.NaN;
      }
      default -> {
        if (s.isEmpty() || !s.matches("[-+0-9.eExX_a-fA-FpP]+")) throw new IllegalArgumentException("bad value " + s);
        return Double.parseDouble(s.replace("_", ""));
      }
    }
  }

  private static final class Reader {
    private final String s;
    private int i;

    Reader(String line) {
      this.s = line;
    }

    Sample sample() {
      skipSpace();
      if (i >= s.length() || s.charAt(i) == '#') return null;
      String name = null;
      if (s.charAt(i) != '{') name = bareName();
      Map<String, String> labels = new LinkedHashMap<>();
      skipSpace();
      if (i < s.length() && s.charAt(i) == '{') {
        i++;
        while (true) {
          skipSpace();
          if (peek() == '}') {
            i++;
            break;
          }
          String key = peek() == '"' ? quoted() : bareName();
          skipSpace();
          if (peek() == '=') {
            i++;
            skipSpace();
            labels.put(key, quoted());
          } else if (name == null) {
            name = key;
          } else {
            throw new IllegalArgumentException("label without value");
          }
          skipSpace();
          if (peek() == ',') {
            i++;
          } else if (peek() != '}') {
            throw new IllegalArgumentException("expected , or }");
          }
        }
      }
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("no metric name");
      String rest = s.substring(i);
      int exemplar = rest.indexOf('#');
      if (exemplar >= 0) rest = rest.substring(0, exemplar);
      String[] parts = rest.trim().split("[ \\t]+");
      if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
        throw new IllegalArgumentException("expected value [timestamp]");
      }
      double value = parseValue(parts[0]);
      Long ts = parts.length == 2 ? (long) Double.parseDouble(parts[1]) : null;
      return new Sample(name, labels, value, ts);
    }

    private char peek() {
      if (i >= s.length()) throw new IllegalArgumentException("unexpected end of line");
      return s.charAt(i);
    }

    private void skipSpace() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    }

    private String bareName() {
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.') {
          i++;
        } else {
          break;
        }
      }
      if (i == start) throw new IllegalArgumentException("expected a name");
      return s.substring(start, i);
    }

    private String quoted() {
      if (peek() != '"') throw new IllegalArgumentException("expected a quoted value");
      i++;
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = peek();
        i++;
        if (c == '"') return b.toString();
        if (c == '\\') {
          char e = peek();
          i++;
          b.append(e == 'n' ? '\n' : e);
        } else {
          b.append(c);
        }
      }
    }
  }
}
