package dev.golive.condition.impl;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unquoted literals: numbers, {@code 0.1%}, sizes ({@code 1MB}, {@code 512KiB}), durations ({@code 500ms},
 * {@code 1h30m}), {@code true}/{@code false}/{@code null}, and any other word as text.
 */
final class Literals {
  static final String UNITS = "durations ns us ms s m h d w, sizes B KB MB GB TB KiB MiB GiB TiB, or %";
  private static final String NUM = "[+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
  private static final Pattern NUMBER = Pattern.compile(NUM);
  private static final Pattern WITH_UNIT = Pattern.compile("(" + NUM + ")([A-Za-zµ%]+)");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w)");
  private static final Pattern COMPOUND_DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d|w))+");
  /** Looks like a number with a misspelt unit ({@code 500xs}, {@code 10sec}) rather than text. */
  private static final Pattern BAD_UNIT = Pattern.compile("(" + NUM + ")([A-Za-zµ]{1,7}%?|%.+)");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final Map<String, Long> DURATION_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
      "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L,
      "d", 86_400_000_000_000L, "w", 7 * 86_400_000_000_000L);
  private static final Map<String, Long> SIZES = Map.ofEntries(Map.entry("b", 1L),
      Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
      Map.entry("tb", 1_000_000_000_000L), Map.entry("pb", 1_000_000_000_000_000L),
      Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
      Map.entry("tib", 1L << 40), Map.entry("pib", 1L << 50));

  private Literals() {}

  /**
   * The value of an unquoted word. Throws {@link IllegalArgumentException} (message without position) when the word
   * is a number followed by an unknown unit.
   */
  static Object classify(String word) {
    switch (word.toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return Values.NULL;
      default:
        break;
    }
    if (NUMBER.matcher(word).matches()) return inRange(new BigDecimal(word), word);
    try {
      return withUnit(word);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + word + "' is out of range");
    }
  }

  private static Object withUnit(String word) {
    if (COMPOUND_DURATION.matcher(word).matches()) return duration(word);
    Matcher m = WITH_UNIT.matcher(word);
    if (m.matches()) {
      BigDecimal n = inRange(new BigDecimal(m.group(1)), word);
      String unit = m.group(2);
      if (unit.equals("%")) return n.movePointLeft(2);
      Long nanos = DURATION_NANOS.get(unit);
      if (nanos != null) return durationOf(n, nanos);
      Long bytes = unit.equals("b") ? null : SIZES.get(unit.toLowerCase(Locale.ROOT));
      if (bytes != null) return n.multiply(BigDecimal.valueOf(bytes));
    }
    Matcher bad = BAD_UNIT.matcher(word);
    String digits = word.replace('O', '0').replace('o', '0').replace('l', '1').replace('I', '1');
    if (bad.matches() && NUMBER.matcher(digits).matches()) {
      throw new IllegalArgumentException("'" + word + "' is not a number (did you mean " + digits + "?)");
    }
    if (bad.matches()) {
      throw new IllegalArgumentException("bad unit '" + bad.group(2) + "' in '" + word + "' (use " + UNITS
          + "; quote text that starts with a digit: \"" + word + "\")");
    }
    return word;
  }

  /** Numbers beyond what a double holds ({@code 1e999999}) are a typo, not a threshold. */
  private static BigDecimal inRange(BigDecimal n, String word) {
    int magnitude = n.precision() - n.scale();
    if (n.signum() != 0 && (magnitude > 300 || magnitude < -300)) {
      throw new IllegalArgumentException("'" + word + "' is out of range (numbers between 1e-300 and 1e300)");
    }
    return n;
  }

  private static Duration duration(String word) {
    Matcher m = DURATION_PART.matcher(word);
    Duration total = Duration.ZERO;
    while (m.find()) total = total.plus(durationOf(new BigDecimal(m.group(1)), DURATION_NANOS.get(m.group(2))));
    return total;
  }

  /** Throws ArithmeticException beyond ~10^15 units; cheap for any exponent ({@code 1e999999999s}). */
  private static Duration durationOf(BigDecimal n, long unitNanos) {
    if (n.signum() == 0 || n.precision() - n.scale() < -20) return Duration.ZERO;
    if (n.precision() - n.scale() > 15) throw new ArithmeticException("out of range");
    BigDecimal nanos = n.multiply(BigDecimal.valueOf(unitNanos));
    BigDecimal[] qr = nanos.divideAndRemainder(NANOS_PER_SECOND);
    return Duration.ofSeconds(qr[0].longValueExact(), qr[1].longValueExact());
  }
}
