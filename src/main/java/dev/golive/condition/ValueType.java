package dev.golive.condition;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The type of a placeholder's value, declared once per placeholder by each probe kind ({@link Placeholders}). It says
 * which literals a condition may compare the value with, which comparisons can ever be true, and how the value is
 * shown to a person ({@code 5.36%}, {@code 1.2s}, {@code 12.3 MiB}, {@code expired 2 days ago}).
 */
public enum ValueType {
  NUMBER("number", "a number", null, null, false),
  COUNT("count", "a count (a whole number, 0 or more)", BigDecimal.ZERO, null, true),
  STATUS("status", "an HTTP status (100-599)", BigDecimal.valueOf(100), BigDecimal.valueOf(599), true),
  DURATION("duration", "a duration", null, null, false),
  /** Time left until a moment ({@code [CERT_EXPIRY]}); negative once the moment has passed. */
  TIME_LEFT("time-left", "a time left (a duration, negative once past)", null, null, false),
  SIZE("size", "a size in bytes", BigDecimal.ZERO, null, false),
  PERCENT("percent", "a percentage (0-100)", BigDecimal.ZERO, BigDecimal.valueOf(100), false),
  RATIO("ratio", "a ratio (0-1)", BigDecimal.ZERO, BigDecimal.ONE, false),
  BOOL("bool", "true/false", null, null, false),
  TEXT("text", "text", null, null, false),
  TIMESTAMP("timestamp", "a timestamp", null, null, false),
  LIST("list", "a list", null, null, false),
  MAP("map", "a map", null, null, false),
  /** JSON or any value: paths into it may hold anything, so only the literal itself is checked. */
  JSON("json", "JSON (any value)", null, null, false);

  private final String key;
  private final String description;
  private final BigDecimal min;
  private final BigDecimal max;
  private final boolean whole;

  ValueType(String key, String description, BigDecimal min, BigDecimal max, boolean whole) {
    this.key = key;
    this.description = description;
    this.min = min;
    this.max = max;
    this.whole = whole;
  }

  /** The name used in declarations and the README: {@code number}, {@code time-left}... */
  public String key() {
    return key;
  }

  /** For messages: {@code a ratio (0-1)}. */
  public String description() {
    return description;
  }

  /** The smallest value, or null when unbounded. */
  public BigDecimal min() {
    return min;
  }

  /** The largest value, or null when unbounded. */
  public BigDecimal max() {
    return max;
  }

  /** Only whole numbers. */
  public boolean whole() {
    return whole;
  }

  public boolean numeric() {
    return this == NUMBER || this == COUNT || this == STATUS || this == SIZE || this == PERCENT || this == RATIO;
  }

  public boolean durationLike() {
    return this == DURATION || this == TIME_LEFT;
  }

  /** The type named {@code key}; throws IllegalArgumentException for an unknown name. */
  public static ValueType of(String key) {
    for (ValueType t : values()) {
      if (t.key.equals(key.toLowerCase(Locale.ROOT))) return t;
    }
    throw new IllegalArgumentException("unknown value type '" + key + "'");
  }
}
