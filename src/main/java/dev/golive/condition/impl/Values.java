package dev.golive.condition.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.config.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value semantics of the condition language: normalisation, display, comparison and arithmetic. */
final class Values {
  /** JSON {@code null} and the literal {@code null}. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** An element that a {@code [*]} path could not reach. */
  record Missing(String reason) {}

  /** A comparison or arithmetic step that cannot apply to these types. */
  static final class Mismatch extends Exception {
    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  static final int MAX_SHOWN = 80;
  /** Longer text is never read as a number or duration (bounds regex and BigDecimal work on remote data). */
  private static final int MAX_NUMBER_TEXT = 200;
  private static final MathContext MC = MathContext.DECIMAL64;
  private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
  private static final Pattern LENIENT_NUMBER =
      Pattern.compile("(?i)\\s*(?:tlsv|v)?([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[+-]?\\d+)?)\\s*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Values() {}

  /** Maps an observed value onto the types the evaluator knows. */
  static Object normalize(Object v) {
    if (v == null) return NULL;
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Duration
        || v instanceof Map || v instanceof List || v == NULL || v instanceof Missing) {
      return v;
    }
    if (v instanceof Collection<?> c) return List.copyOf(c);
    if (v instanceof Object[] a) return List.of(a);
    if (v instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
    if (v instanceof CharSequence || v instanceof Character) return v.toString();
    if (v instanceof Enum<?> e) return e.name();
    return v.toString();
  }

  // ---------------------------------------------------------------- display

  static String show(Object v) {
    return truncate(showFull(v));
  }

  static String truncate(String s) {
    return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN - 3) + "..." : s;
  }

  private static String showFull(Object v) {
    if (v == null || v == NULL) return "null";
    if (v instanceof Missing m) return m.reason();
    if (v instanceof String s) return s.isEmpty() ? "\"\"" : s.replace("\r", "\\r").replace("\n", "\\n");
    if (v instanceof Duration d) return dev.golive.condition.Format.duration(d);
    if (v instanceof Number n) return dev.golive.condition.Format.number(n);
    if (v instanceof Map || v instanceof List) return json(v);
    return String.valueOf(v);
  }

  /** The value as text for {@code pat()} and text equality. */
  static String text(Object v) {
    if (v instanceof String s) return s;
    if (v instanceof Duration d) return duration(d);
    if (v instanceof Number n) return number(n);
    if (v instanceof Map || v instanceof List) return json(v);
    return String.valueOf(v == null ? NULL : v);
  }

  static String json(Object v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException | RuntimeException e) {
      return String.valueOf(v);
    }
  }

  static String duration(Duration d) {
    if (!d.isZero() && d.toMillis() == 0) {
      return BigDecimal.valueOf(d.toNanos()).movePointLeft(3).stripTrailingZeros().toPlainString() + "µs";
    }
    return Durations.format(d);
  }

  static String number(Number n) {
    BigDecimal b = decimal(n);
    if (b == null) return String.valueOf(n.doubleValue());
    b = b.stripTrailingZeros();
    return Math.abs(b.scale()) > 20 ? b.toString() : b.toPlainString();
  }

  static String kind(Object v) {
    if (v == NULL) return "null";
    if (v instanceof Number) return "number";
    if (v instanceof Duration) return "duration";
    if (v instanceof Boolean) return "boolean";
    if (v instanceof Map) return "object";
    if (v instanceof List) return "array";
    return "text";
  }

  // ---------------------------------------------------------------- numbers

  /** The number as a BigDecimal, or null when it is NaN or infinite. */
  static BigDecimal decimal(Number n) {
    return dev.golive.condition.Format.toDecimal(n);
  }

  /** A number from a value: numbers, and text that reads as one ({@code "5"}, {@code "TLSv1.2"}); else null. */
  static Number toNumber(Object v) {
    if (v instanceof Number n) return n;
    if (v instanceof String s && s.length() <= MAX_NUMBER_TEXT) {
      Matcher m = LENIENT_NUMBER.matcher(s);
      if (m.matches()) return new BigDecimal(m.group(1));
    }
    return null;
  }

  static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano()).divide(NANOS));
  }

  static Duration ofSeconds(BigDecimal s) throws Mismatch {
    if (s.signum() == 0 || s.precision() - s.scale() < -12) return Duration.ZERO;
    if (s.precision() - s.scale() > 18) throw new Mismatch("duration out of range");
    try {
      BigDecimal nanos = s.multiply(NANOS).setScale(0, java.math.RoundingMode.HALF_UP);
      BigDecimal[] qr = nanos.divideAndRemainder(NANOS);
      return Duration.ofSeconds(qr[0].longValueExact(), qr[1].longValueExact());
    } catch (ArithmeticException e) {
      throw new Mismatch("duration out of range");
    }
  }

  /** Seconds of a value compared with a duration: durations, numbers (seconds), text reading as either. */
  private static Number durationSeconds(Object v) {
    if (v instanceof Duration d) return seconds(d);
    if (v instanceof String s && s.length() <= MAX_NUMBER_TEXT) {
      try {
        Object lit = Literals.classify(s.trim());
        if (lit instanceof Duration d) return seconds(d);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return toNumber(v);
  }

  // ---------------------------------------------------------------- comparison

  /**
   * Whether {@code a op b} holds. Throws {@link Mismatch} when the values cannot be compared that way. Equality of
   * values of different kinds compares their text, so {@code [STATUS] == OK} simply fails.
   */
  static boolean compare(Object a, String op, Object b) throws Mismatch {
    a = unwrap(a);
    b = unwrap(b);
    boolean equality = op.equals("==") || op.equals("!=");
    if (a instanceof Missing m) throw new Mismatch(m.reason());
    if (a instanceof Map || a instanceof List || b instanceof Map || b instanceof List) {
      if (equality && (a instanceof Map || a instanceof List) && (b instanceof Map || b instanceof List)) {
        return (json(a).equals(json(b))) == op.equals("==");
      }
      Object c = a instanceof Map || a instanceof List ? a : b;
      throw new Mismatch("cannot compare " + article(kind(c)) + " with a value; use an index, [*] or len()");
    }
    if (a == NULL || b == NULL) {
      if (equality) return (a == NULL && b == NULL) == op.equals("==");
      throw new Mismatch("null cannot be compared with " + op);
    }
    if (a instanceof Duration || b instanceof Duration) {
      Number x = durationSeconds(a);
      Number y = durationSeconds(b);
      if (x == null || y == null) {
        if (equality) return text(a).equals(text(b)) == op.equals("==");
        Object bad = x == null ? a : b;
        throw new Mismatch("cannot compare " + kind(bad) + " (" + show(bad) + ") with a duration");
      }
      return numbers(x, op, y);
    }
    if (a instanceof Number || b instanceof Number) {
      Number x = a instanceof Boolean ? null : toNumber(a);
      Number y = b instanceof Boolean ? null : toNumber(b);
      if (x == null || y == null) {
        if (equality) return text(a).equals(text(b)) == op.equals("==");
        Object bad = x == null ? a : b;
        throw new Mismatch("cannot compare " + kind(bad) + " (" + show(bad) + ") with a number");
      }
      return numbers(x, op, y);
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      if (!equality) throw new Mismatch("true/false cannot be compared with " + op);
      return text(a).equalsIgnoreCase(text(b)) == op.equals("==");
    }
    String x = text(a);
    String y = text(b);
    return switch (op) {
      case "==" -> x.equals(y);
      case "!=" -> !x.equals(y);
      default -> {
        Number nx = toNumber(x);
        Number ny = toNumber(y);
        int c = nx != null && ny != null ? compareNumbers(nx, ny) : x.compareTo(y);
        yield holds(c, op);
      }
    };
  }

  private static String article(String kind) {
    return (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
  }

  private static boolean numbers(Number x, String op, Number y) throws Mismatch {
    if (isNaN(x) || isNaN(y)) {
      if (op.equals("!=")) return true;
      throw new Mismatch("not a number (NaN)");
    }
    return holds(compareNumbers(x, y), op);
  }

  private static boolean isNaN(Number n) {
    return (n instanceof Double || n instanceof Float) && Double.isNaN(n.doubleValue());
  }

  private static int compareNumbers(Number x, Number y) {
    BigDecimal a = decimal(x);
    BigDecimal b = decimal(y);
    if (a != null && b != null) return a.compareTo(b);
    return Double.compare(x.doubleValue(), y.doubleValue());
  }

  private static boolean holds(int c, String op) {
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  /** A one-element list (e.g. a header with one value) compares as its element. */
  static Object unwrap(Object v) {
    return v instanceof List<?> l && l.size() == 1 ? normalize(l.get(0)) : v;
  }

  // ---------------------------------------------------------------- arithmetic

  static Object arithmetic(Object a, char op, Object b) throws Mismatch {
    a = unwrap(a);
    b = unwrap(b);
    if (a instanceof Missing m) throw new Mismatch(m.reason());
    if (b instanceof Missing m) throw new Mismatch(m.reason());
    if (a instanceof Duration || b instanceof Duration) return durationArithmetic(a, op, b);
    Number x = a instanceof Boolean ? null : toNumber(a);
    Number y = b instanceof Boolean ? null : toNumber(b);
    if (x == null || y == null) {
      Object bad = x == null ? a : b;
      throw new Mismatch("cannot compute with " + kind(bad) + " (" + show(bad) + ")");
    }
    BigDecimal p = decimal(x);
    BigDecimal q = decimal(y);
    if (p == null || q == null) {
      double r = switch (op) {
        case '+' -> x.doubleValue() + y.doubleValue();
        case '-' -> x.doubleValue() - y.doubleValue();
        case '*' -> x.doubleValue() * y.doubleValue();
        default -> x.doubleValue() / y.doubleValue();
      };
      return r;
    }
    return switch (op) {
      case '+' -> p.add(q, MC);
      case '-' -> p.subtract(q, MC);
      case '*' -> p.multiply(q, MC);
      default -> {
        if (q.signum() == 0) throw new Mismatch("division by zero");
        yield p.divide(q, MC);
      }
    };
  }

  private static Object durationArithmetic(Object a, char op, Object b) throws Mismatch {
    boolean da = a instanceof Duration;
    boolean db = b instanceof Duration;
    Number x = durationSeconds(a);
    Number y = durationSeconds(b);
    if (x == null || y == null || decimal(x) == null || decimal(y) == null) {
      Object bad = x == null || decimal(x) == null ? a : b;
      throw new Mismatch("cannot compute with " + kind(bad) + " (" + show(bad) + ") and a duration");
    }
    BigDecimal p = decimal(x);
    BigDecimal q = decimal(y);
    return switch (op) {
      case '+' -> ofSeconds(p.add(q, MC));
      case '-' -> ofSeconds(p.subtract(q, MC));
      case '*' -> {
        if (da && db) throw new Mismatch("cannot multiply a duration by a duration");
        yield ofSeconds(p.multiply(q, MC));
      }
      default -> {
        if (q.signum() == 0) throw new Mismatch("division by zero");
        if (da && db) yield p.divide(q, MC);
        if (!da) throw new Mismatch("cannot divide a number by a duration");
        yield ofSeconds(p.divide(q, MC));
      }
    };
  }

  static Object negate(Object a) throws Mismatch {
    a = unwrap(a);
    if (a instanceof Duration d) return d.negated();
    return arithmetic(BigDecimal.ZERO, '-', a);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
