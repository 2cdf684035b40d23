package dev.golive.condition.impl;

import dev.golive.condition.ConditionProblem;
import dev.golive.condition.Placeholders;
import dev.golive.condition.ValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one condition against the types of its placeholders when the plan loads: each literal must fit the value it
 * is compared with ({@code '5 %' is not a number}), and a comparison must be able to come out both ways for the
 * value's range ({@code [STATUS] == 700} never holds, a ratio {@code > 200%} never holds). Problems say what would be
 * accepted. Not thread-safe: one instance per check.
 */
final class TypeCheck {
  private static final Pattern SPACED_UNIT = Pattern.compile(
      "([+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+))\\s+(%|ns|us|µs|ms|s|m|h|d|w|B|[KMGTP]i?B)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMERIC_START = Pattern.compile("[+-]?\\.?\\d.*", Pattern.DOTALL);

  /** The static type of one side, and how to name it in a message ({@code [VALUE] of promql probe 'x'}). */
  private record Typed(ValueType type, String name) {}

  private final String text;
  private final Placeholders types;
  private final String subject;
  private final List<ConditionProblem> problems = new ArrayList<>();

  TypeCheck(String text, Placeholders types, String subject) {
    this.text = text;
    this.types = types;
    this.subject = subject;
  }

  List<ConditionProblem> check(Expr left, String op, Expr right, int opAt) {
    Typed l = typeOf(left, 0);
    Typed r = typeOf(right, opAt);
    if (literalSide(left) && r != null) {
      compare(r, flip(op), left, 0);
    } else if (literalSide(right) && l != null) {
      compare(l, op, right, opAt);
    } else if (l != null && r != null) {
      both(l, op, r);
    }
    return List.copyOf(problems);
  }

  // ------------------------------------------------------------------ static types

  private Typed typeOf(Expr e, int from) {
    if (e instanceof Expr.Ref ref) {
      ValueType t = types.type(ref.name());
      if (t == null) return null;
      String name = "[" + ref.name() + "]" + (subject == null || ref.name().equals("BASELINE") ? "" : " of " + subject);
      if (ref.path().isEmpty()) return new Typed(t, name);
      if (t == ValueType.JSON || t == ValueType.MAP || t == ValueType.LIST || t == ValueType.TEXT) {
        return new Typed(ValueType.JSON, ref.source());
      }
      error(at(ref.source(), from), "[" + ref.name() + "] is " + t.description() + ": it has no fields or elements; "
          + "write [" + ref.name() + "] alone");
      return null;
    }
    if (e instanceof Expr.Len) return new Typed(ValueType.COUNT, e.source());
    if (e instanceof Expr.Has) return new Typed(ValueType.BOOL, e.source());
    if (e instanceof Expr.Group g) return typeOf(g.inner(), from);
    if (e instanceof Expr.Neg n) return computed(typeOf(n.operand(), from), e);
    if (e instanceof Expr.Arith a) {
      Typed l = operand(a.left(), from);
      Typed r = operand(a.right(), from);
      boolean duration = l != null && l.type().durationLike() || r != null && r.type().durationLike();
      if (duration) return new Typed(ValueType.DURATION, e.source());
      return l == null && r == null ? null : new Typed(ValueType.NUMBER, e.source());
    }
    return null;
  }

  /** An operand of arithmetic: text there is always a mistake. */
  private Typed operand(Expr e, int from) {
    if (e instanceof Expr.Lit lit) {
      if (lit.value() instanceof Duration) return new Typed(ValueType.DURATION, lit.source());
      if (!(lit.value() instanceof Number)) {
        error(at(lit.source(), from), "'" + lit.source() + "' is not a number; arithmetic needs numbers or durations");
      }
      return null;
    }
    return typeOf(e, from);
  }

  private static Typed computed(Typed t, Expr e) {
    if (t == null) return null;
    return new Typed(t.type().durationLike() ? ValueType.DURATION : ValueType.NUMBER, e.source());
  }

  private static boolean literalSide(Expr e) {
    return e instanceof Expr.Lit || e instanceof Expr.Any;
  }

  // ------------------------------------------------------------------ a value against a literal

  private void compare(Typed v, String op, Expr literalSide, int from) {
    boolean ordering = !op.equals("==") && !op.equals("!=");
    ValueType t = v.type();
    if (ordering && (t == ValueType.BOOL || t == ValueType.MAP || t == ValueType.LIST)) {
      error(from == 0 ? 1 : opColumn(from), v.name() + " is " + t.description() + ": it cannot be compared with " + op
          + "; " + orderingHint(t, v.name()));
      return;
    }
    if (literalSide instanceof Expr.Any any) {
      for (Expr option : any.options()) {
        if (option instanceof Expr.Lit lit) literal(v, "==", lit, from);
      }
      return;
    }
    literal(v, op, (Expr.Lit) literalSide, from);
  }

  private void literal(Typed v, String op, Expr.Lit lit, int from) {
    ValueType t = v.type();
    int col = at(lit.source(), from);
    String src = lit.source();
    Object value = lit.value();
    boolean quoted = src.startsWith("\"");
    Matcher spaced = SPACED_UNIT.matcher(src.strip());
    if (value instanceof String && !quoted && spaced.matches()) {
      error(col, "'" + src + "' is not a " + (t.durationLike() ? "duration" : "number") + "; " + v.name() + " is "
          + t.description() + ": write " + spaced.group(1) + spaced.group(2) + " (no space)");
      return;
    }
    switch (t) {
      case BOOL -> {
        if (value instanceof Boolean || quoted && (src.equals("\"true\"") || src.equals("\"false\""))) return;
        error(col, "'" + src + "' is not true/false; " + v.name() + " is true/false: write true or false");
      }
      case TIMESTAMP -> {
        if (value instanceof String s && (quoted || isTime(s))) return;
        error(col, "'" + src + "' is not a date or time; " + v.name() + " is a timestamp: write an ISO date such as "
            + "2026-01-31 or 2026-01-31T12:00:00Z" + (value instanceof Duration ? " (for time left, compare a "
            + "duration placeholder such as [CERT_EXPIRY] or [AGE])" : ""));
      }
      case DURATION, TIME_LEFT -> duration(v, op, lit, col);
      case NUMBER, COUNT, STATUS, SIZE, PERCENT, RATIO -> number(v, op, lit, col);
      default -> {
        boolean ordering = !op.equals("==") && !op.equals("!=");
        if (ordering && value instanceof String s && !quoted && NUMERIC_START.matcher(s).matches() && !isTime(s)) {
          error(col, "'" + src + "' is not a number; " + v.name() + " compared with " + op + " needs a number, a "
              + "duration or an ISO date (quote text that starts with a digit: \"" + src + "\")");
        }
      }
    }
  }

  private void duration(Typed v, String op, Expr.Lit lit, int col) {
    Object value = lit.value();
    String src = lit.source();
    if (value instanceof Duration d) {
      range(v, op, Values.seconds(d), col, src);
      return;
    }
    if (value instanceof Number n && Display.literalUnit(lit) == Display.Unit.NONE) {
      if (Values.decimal(n) != null && Values.decimal(n).signum() == 0) return;
      warning(col, "'" + src + "' has no unit and compares as seconds; " + v.name() + " is " + v.type().description()
          + ": write " + src + "s, or e.g. 500ms, 30d");
      return;
    }
    if (value == Values.NULL && (op.equals("==") || op.equals("!="))) return;
    error(col, "'" + src + "' is not a duration; " + v.name() + " is " + v.type().description()
        + ": write a number with a unit (ns us ms s m h d w), e.g. 500ms, 1h30m, 30d");
  }

  private void number(Typed v, String op, Expr.Lit lit, int col) {
    ValueType t = v.type();
    Object value = lit.value();
    String src = lit.source();
    Display.Unit unit = Display.literalUnit(lit);
    if (value == Values.NULL && (op.equals("==") || op.equals("!="))) return;
    if (value instanceof String s && src.startsWith("\"") && Values.toNumber(s) != null) return;
    if (value instanceof Duration d) {
      if (t == ValueType.NUMBER) return;
      error(col, "'" + src + "' is a duration; " + v.name() + " is " + t.description() + ": " + write(t));
      return;
    }
    if (!(value instanceof Number n)) {
      error(col, "'" + src + "' is not a number" + lookAlike(src) + "; " + v.name() + " is " + t.description() + ": "
          + write(t));
      return;
    }
    boolean fits = switch (unit) {
      case PERCENT -> t == ValueType.NUMBER || t == ValueType.RATIO || t == ValueType.PERCENT;
      case SIZE, DECIMAL_SIZE -> t == ValueType.NUMBER || t == ValueType.SIZE;
      default -> true;
    };
    if (!fits) {
      error(col, "'" + src + "' is a " + (unit == Display.Unit.PERCENT ? "percentage" : "size") + "; " + v.name()
          + " is " + t.description() + ": " + write(t));
      return;
    }
    BigDecimal d = Values.decimal(n);
    if (d == null) return;
    if (t == ValueType.PERCENT && unit == Display.Unit.PERCENT) d = d.movePointRight(2);
    range(v, op, d, col, src);
  }

  /** A comparison that cannot come out both ways for the type's range is an error. */
  private void range(Typed v, String op, BigDecimal c, int col, String src) {
    ValueType t = v.type();
    BigDecimal min = t == ValueType.DURATION ? BigDecimal.ZERO : t.min();
    BigDecimal max = t.max();
    boolean whole = t.whole() && c.stripTrailingZeros().scale() > 0;
    boolean below = min != null && c.compareTo(min) < 0;
    boolean atMin = min != null && c.compareTo(min) == 0;
    boolean above = max != null && c.compareTo(max) > 0;
    boolean atMax = max != null && c.compareTo(max) == 0;
    Boolean always = switch (op) {
      case "==" -> below || above || whole ? Boolean.FALSE : null;
      case "!=" -> below || above || whole ? Boolean.TRUE : null;
      case "<" -> below || atMin ? Boolean.FALSE : above ? Boolean.TRUE : null;
      case "<=" -> below ? Boolean.FALSE : above || atMax ? Boolean.TRUE : null;
      case ">" -> above || atMax ? Boolean.FALSE : below ? Boolean.TRUE : null;
      default -> above ? Boolean.FALSE : below || atMin ? Boolean.TRUE : null;
    };
    if (always == null) return;
    String hint = t == ValueType.RATIO && c.compareTo(BigDecimal.ONE) > 0 && !src.endsWith("%")
        ? ": to mean " + Values.number(c) + "%, write " + Values.number(c) + "% or " + Values.number(c.movePointLeft(2))
        : "";
    error(col, "this can never be " + (always ? "false" : "true") + ": " + v.name() + " is " + t.description()
        + (whole ? " and " + src + " is not a whole number" : "") + hint);
  }

  /** Two computed or observed sides: only kinds that can never compare are errors. */
  private void both(Typed l, String op, Typed r) {
    boolean lb = l.type() == ValueType.BOOL;
    boolean rb = r.type() == ValueType.BOOL;
    if (lb != rb && (l.type().numeric() || r.type().numeric() || l.type().durationLike() || r.type().durationLike())) {
      error(1, "cannot compare " + l.name() + " (" + l.type().description() + ") with " + r.name() + " ("
          + r.type().description() + ")");
    }
  }

  // ------------------------------------------------------------------ wording

  private static String write(ValueType t) {
    return switch (t) {
      case RATIO -> "write 0.05 or 5%";
      case PERCENT -> "write 5 or 5%";
      case STATUS -> "write a status such as 200, or any(200, 204)";
      case COUNT -> "write a whole number such as 0 or 3";
      case SIZE -> "write a number of bytes or a size such as 512KiB, 10MB";
      default -> "write a number such as 0.05, 5% or 200";
    };
  }

  private static String orderingHint(ValueType t, String name) {
    String bare = name.contains(" of ") ? name.substring(0, name.indexOf(" of ")) : name;
    return switch (t) {
      case BOOL -> "write " + bare + " == true or " + bare + " == false";
      case LIST -> "compare len(" + bare + ") or each element with " + bare + "[*]";
      default -> "compare one key, e.g. " + bare + ".name";
    };
  }

  /** {@code 2OO}: letters that look like digits. */
  private static String lookAlike(String src) {
    String fixed = src.replace('O', '0').replace('o', '0').replace('l', '1').replace('I', '1');
    if (!fixed.equals(src) && fixed.matches("[+-]?\\d+(\\.\\d+)?")) return " (did you mean " + fixed + "?)";
    return "";
  }

  private static boolean isTime(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      try {
        OffsetDateTime.parse(s);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  /** 1-based column of {@code source} at or after offset {@code from}. */
  private int at(String source, int from) {
    int i = text.indexOf(source, from);
    return (i < 0 ? from : i) + 1;
  }

  private int opColumn(int opAt) {
    return opAt + 1;
  }

  private void error(int column, String message) {
    problems.add(new ConditionProblem(column, message, false));
  }

  private void warning(int column, String message) {
    problems.add(new ConditionProblem(column, message, true));
  }

  // ------------------------------------------------------------------ binding

  /**
   * {@code side} with percent literals read in percent when {@code other} is a placeholder of type
   * {@link ValueType#PERCENT} ({@code 5%} is 5 there, not 0.05); otherwise {@code side} itself.
   */
  static Expr percentsAsPercent(Expr side, Expr other, Placeholders types) {
    if (!(other instanceof Expr.Ref ref) || !ref.path().isEmpty() || types.type(ref.name()) != ValueType.PERCENT) {
      return side;
    }
    if (side instanceof Expr.Lit lit && Display.literalUnit(lit) == Display.Unit.PERCENT) {
      return new Expr.Lit(((BigDecimal) lit.value()).movePointRight(2), lit.source());
    }
    if (side instanceof Expr.Any any) {
      List<Expr> options = new ArrayList<>();
      for (Expr o : any.options()) options.add(percentsAsPercent(o, other, types));
      return new Expr.Any(List.copyOf(options), any.source());
    }
    return side;
  }
}
