package dev.golive.condition.impl;

import dev.golive.condition.Format;
import dev.golive.condition.Placeholders;
import dev.golive.condition.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How one condition shows values: by the placeholder's declared type ({@code [CERT_EXPIRY]} as time left, a ratio as
 * a percent), else in the unit of the condition's literals ({@code > 5%} shows numbers as percents, {@code < 500ms}
 * as durations, {@code < 2MB} as sizes). Immutable.
 */
record Display(Placeholders types, Unit unit, List<BigDecimal> thresholds) {
  /** The unit a condition's literals are written in. */
  enum Unit { NONE, PERCENT, SIZE, DECIMAL_SIZE, DURATION }

  static final Display PLAIN = new Display(null, Unit.NONE, List.of());
  private static final int MAX_DIGITS = 15;

  Display {
    thresholds = List.copyOf(thresholds);
  }

  /** The display of a condition whose sides are {@code left} and {@code right}. */
  static Display of(Placeholders types, Expr left, Expr right) {
    List<BigDecimal> numbers = new ArrayList<>();
    for (Expr e : List.of(left, right)) {
      if (e instanceof Expr.Lit l && l.value() instanceof BigDecimal b) numbers.add(b);
      if (e instanceof Expr.Any a) {
        for (Expr o : a.options()) if (o instanceof Expr.Lit l && l.value() instanceof BigDecimal b) numbers.add(b);
      }
    }
    return new Display(types, unitOf(left, right), numbers);
  }

  Display typed(Placeholders types) {
    return new Display(types, unit, thresholds);
  }

  /**
   * Significant digits enough to tell {@code n} from every threshold it differs from: {@code 5.00001%}, not
   * {@code 5%}, against {@code > 5%}. Three when that suffices.
   */
  private int digits(Number n) {
    BigDecimal v = Format.toDecimal(n);
    int digits = 3;
    if (v == null) return digits;
    for (BigDecimal t : thresholds) {
      while (digits < MAX_DIGITS && v.compareTo(t) != 0 && v.round(new MathContext(digits)).compareTo(
          t.round(new MathContext(digits))) == 0) {
        digits++;
      }
    }
    return digits;
  }

  String show(String placeholder, Object v) {
    ValueType t = types == null || placeholder == null ? null : types.type(placeholder);
    if (v instanceof Duration d) return Values.truncate(t == ValueType.TIME_LEFT ? Format.timeLeft(d)
        : Format.duration(d));
    if (!(v instanceof Number n)) return Values.show(v);
    boolean untyped = t == null || t == ValueType.NUMBER || t == ValueType.JSON;
    if (t == ValueType.RATIO || untyped && unit == Unit.PERCENT) return Format.percent(n, digits(n));
    if (t == ValueType.PERCENT) return Format.number(n, digits(n)) + "%";
    if (untyped && unit == Unit.DECIMAL_SIZE) return Format.size(n, false);
    if (t == ValueType.SIZE || untyped && unit == Unit.SIZE) return Format.size(n, unit != Unit.DECIMAL_SIZE);
    if (t != null && t.durationLike() || untyped && unit == Unit.DURATION) return Format.seconds(n);
    return Format.number(n, digits(n));
  }

  /** The unit of the literals in a condition: the first percent, size or duration literal found. */
  static Unit unitOf(Expr... sides) {
    for (Expr e : sides) {
      Unit u = unitIn(e);
      if (u != Unit.NONE) return u;
    }
    return Unit.NONE;
  }

  private static Unit unitIn(Expr e) {
    if (e instanceof Expr.Lit l) return literalUnit(l);
    if (e instanceof Expr.Arith a) return unitOf(a.left(), a.right());
    if (e instanceof Expr.Neg n) return unitIn(n.operand());
    if (e instanceof Expr.Group g) return unitIn(g.inner());
    if (e instanceof Expr.Any a) return unitOf(a.options().toArray(Expr[]::new));
    return Unit.NONE;
  }

  /** Whether a unit is a size, binary or decimal. */
  static boolean size(Unit u) {
    return u == Unit.SIZE || u == Unit.DECIMAL_SIZE;
  }

  static Unit literalUnit(Expr.Lit l) {
    if (l.value() instanceof Duration) return Unit.DURATION;
    if (!(l.value() instanceof Number) || l.source().startsWith("\"")) return Unit.NONE;
    String s = l.source().strip();
    if (s.endsWith("%")) return Unit.PERCENT;
    if (!Character.isLetter(s.charAt(s.length() - 1))) return Unit.NONE;
    return s.toLowerCase(java.util.Locale.ROOT).contains("ib") ? Unit.SIZE : Unit.DECIMAL_SIZE;
  }
}
