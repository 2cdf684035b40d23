package dev.golive.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Values as a person reads them, in the unit of the condition: {@code 0.17858720662963543} is {@code 0.179}, as a
 * ratio {@code 17.9%}; {@code 1.2s}, {@code 2d 3h}, {@code expired 2 days ago}, {@code 1.5 KiB}. Three significant
 * digits; whole numbers stay whole. Never throws.
 */
public final class Format {
  private static final int DIGITS = 3;
  private static final String[] SIZE_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Format() {}

  /** {@code 200}, {@code 0.179}, {@code 1.23e-7}, {@code 4.56e+20}; NaN and infinities by name. */
  public static String number(Number n) {
    return number(n, DIGITS);
  }

  /** As {@link #number(Number)} with {@code digits} significant digits (more, to tell a value from a threshold). */
  public static String number(Number n, int digits) {
    BigDecimal b = toDecimal(n);
    if (b == null) return String.valueOf(n.doubleValue());
    return decimalText(b, digits);
  }

  /** A ratio as a percentage: {@code 0.0536} is {@code 5.36%}, {@code 0.05} is {@code 5%}. */
  public static String percent(Number ratio) {
    return percent(ratio, DIGITS);
  }

  /** As {@link #percent(Number)} with {@code digits} significant digits. */
  public static String percent(Number ratio, int digits) {
    BigDecimal b = toDecimal(ratio);
    if (b == null) return String.valueOf(ratio.doubleValue());
    return decimalText(b.movePointRight(2), digits) + "%";
  }

  /** Bytes in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}. */
  public static String size(Number bytes) {
    return size(bytes, true);
  }

  /** Bytes in binary units (KiB = 1024 B) or decimal ones ({@code 2 MB}, KB = 1000 B). */
  public static String size(Number bytes, boolean binary) {
    BigDecimal b = toDecimal(bytes);
    if (b == null) return String.valueOf(bytes.doubleValue());
    BigDecimal abs = b.abs();
    BigDecimal k = BigDecimal.valueOf(binary ? 1024 : 1000);
    if (abs.compareTo(k) < 0) return decimalText(b) + " B";
    int unit = -1;
    while (abs.compareTo(k) >= 0 && unit < SIZE_UNITS.length - 1) {
      abs = abs.divide(k, MathContext.DECIMAL64);
      b = b.divide(k, MathContext.DECIMAL64);
      unit++;
    }
    return decimalText(b) + " " + (binary ? SIZE_UNITS[unit] : SIZE_UNITS[unit].replace("i", ""));
  }

  /**
   * A duration to the second from a minute up ({@code 2d 3h}, {@code 4m 5s}, {@code 40d 1s}), with three significant
   * digits below ({@code 1.2s}, {@code 250ms}, {@code 80µs}); negative with a leading {@code -}.
   */
  public static String duration(Duration d) {
    return duration(d, 4);
  }

  /** As {@link #duration(Duration)} with at most two units from a minute up: {@code 29d 23h}. */
  public static String roughDuration(Duration d) {
    return duration(d, 2);
  }

  private static String duration(Duration d, int units) {
    if (d.isZero()) return "0s";
    if (d.isNegative()) return "-" + duration(d.negated(), units);
    long s = d.getSeconds();
    if (s >= 60) {
      long[] sizes = {86_400, 3_600, 60, 1};
      String[] names = {"d", "h", "m", "s"};
      StringBuilder out = new StringBuilder();
      int first = -1;
      for (int i = 0; i < sizes.length; i++) {
        long n = s / sizes[i];
        s %= sizes[i];
        if (first < 0 && n > 0) first = i;
        if (first < 0 || i - first >= units) continue;
        if (n > 0) out.append(out.isEmpty() ? "" : " ").append(n).append(names[i]);
      }
      return out.toString();
    }
    BigDecimal nanos = BigDecimal.valueOf(s).multiply(BigDecimal.valueOf(1_000_000_000L))
        .add(BigDecimal.valueOf(d.getNano()));
    if (s >= 1) return decimalText(nanos.movePointLeft(9)) + "s";
    if (nanos.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) return decimalText(nanos.movePointLeft(6)) + "ms";
    if (nanos.compareTo(BigDecimal.valueOf(1_000)) >= 0) return decimalText(nanos.movePointLeft(3)) + "µs";
    return nanos + "ns";
  }

  /**
   * Time left until a moment: {@code 2d 3h} ahead, {@code expired 2 days ago} once past (rounded down to the largest
   * whole unit: days, hours, minutes, seconds).
   */
  public static String timeLeft(Duration d) {
    if (!d.isNegative()) return roughDuration(d);
    long s = d.negated().getSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"day", "hour", "minute", "second"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        long n = s / sizes[i];
        return "expired " + n + " " + units[i] + (n == 1 ? "" : "s") + " ago";
      }
    }
    return "expired just now";
  }

  /** Seconds as a duration, for numbers compared with a duration ({@code [VALUE]} of a latency query). */
  public static String seconds(Number seconds) {
    BigDecimal b = toDecimal(seconds);
    if (b == null || b.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) return number(seconds);
    if (b.abs().compareTo(BigDecimal.ONE.movePointLeft(9)) < 0) return b.signum() == 0 ? "0s" : number(seconds);
    BigDecimal nanos = b.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
    BigDecimal[] qr = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    return duration(Duration.ofSeconds(qr[0].longValue(), qr[1].longValue()));
  }

  private static String decimalText(BigDecimal b) {
    return decimalText(b, DIGITS);
  }

  private static String decimalText(BigDecimal b, int digits) {
    if (b.signum() == 0) return "0";
    int size = b.precision() - b.scale();
    if (size > 300 || size < -300) {
      return b.round(new MathContext(digits)).stripTrailingZeros().toString().replace('E', 'e');
    }
    BigDecimal r = b.stripTrailingZeros();
    int whole = r.precision() - r.scale();
    if (r.scale() > 0 || r.precision() > 15) {
      r = r.round(new MathContext(whole > digits && whole <= 15 ? whole : digits, RoundingMode.HALF_UP));
    }
    r = r.stripTrailingZeros();
    int magnitude = r.precision() - r.scale() - 1;
    if (magnitude < -6 || magnitude >= 15) {
      BigDecimal mantissa = r.movePointLeft(magnitude).stripTrailingZeros();
      return mantissa.toPlainString() + "e" + (magnitude > 0 ? "+" : "") + magnitude;
    }
    return r.toPlainString();
  }

  /** The number as a BigDecimal, or null when it is NaN or infinite. */
  public static BigDecimal toDecimal(Number n) {
    if (n instanceof BigDecimal b) return b;
    if (n instanceof BigInteger b) return new BigDecimal(b);
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    double d = n instanceof Float f ? Double.parseDouble(f.toString()) : n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) return null;
    return BigDecimal.valueOf(d);
  }
}
