package dev.golive.condition.impl;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionProblem;
import dev.golive.condition.ConditionResult;
import dev.golive.condition.Observation;
import dev.golive.condition.Placeholders;
import dev.golive.condition.impl.Operand.Elem;
import dev.golive.condition.impl.Values.Mismatch;
import dev.golive.condition.impl.Values.Missing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code left op right}; immutable and thread-safe (each evaluation has its own {@link EvalContext}). */
final class ParsedCondition implements Condition {
  private static final int MAX_OFFENDERS = 5;
  private final String text;
  private final Expr left;
  private final String op;
  private final Expr right;
  private final int opAt;
  private final Display display;
  private final Set<String> placeholders;

  ParsedCondition(String text, Expr left, String op, Expr right, int opAt) {
    this(text, left, op, right, opAt, Display.of(null, left, right));
  }

  private ParsedCondition(String text, Expr left, String op, Expr right, int opAt, Display display) {
    this.text = text;
    this.left = left;
    this.op = op;
    this.right = right;
    this.opAt = opAt;
    this.display = display;
    Set<String> names = new LinkedHashSet<>();
    left.placeholders(names);
    right.placeholders(names);
    this.placeholders = Collections.unmodifiableSet(names);
  }

  @Override
  public List<ConditionProblem> check(Placeholders types, String subject) {
    return new TypeCheck(text, types, subject).check(left, op, right, opAt);
  }

  @Override
  public Condition typed(Placeholders types) {
    Expr l = TypeCheck.percentsAsPercent(left, right, types);
    Expr r = TypeCheck.percentsAsPercent(right, left, types);
    return new ParsedCondition(text, l, op, r, opAt, Display.of(types, l, r));
  }

  @Override
  public Condition negated() {
    String not = switch (op) {
      case "==" -> "!=";
      case "!=" -> "==";
      case "<" -> ">=";
      case "<=" -> ">";
      case ">" -> "<=";
      default -> "<";
    };
    return new ParsedCondition(text, left, not, right, opAt, display);
  }

  @Override
  public String show(String placeholder, Object value) {
    return display.show(placeholder, Values.normalize(value));
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public Set<String> placeholders() {
    return placeholders;
  }

  @Override
  public ConditionResult evaluate(Observation observation) {
    try {
      return evaluate(new EvalContext(observation == null ? Observation.empty() : observation, display));
    } catch (RuntimeException | StackOverflowError e) {
      return ConditionResult.failed(text, text + ": could not evaluate (" + e + ")");
    }
  }

  private ConditionResult evaluate(EvalContext ctx) {
    Operand l = left.eval(ctx);
    Operand r = right.eval(ctx);
    String shown = side(left, l) + " " + op + " " + side(right, r);
    if (l.noData() != null || r.noData() != null) return ConditionResult.noData(text, shown);
    if (l.error() != null) return ConditionResult.failed(text, shown + ": " + l.error());
    if (r.error() != null) return ConditionResult.failed(text, shown + ": " + r.error());
    if (l.multi() && r.multi()) {
      return ConditionResult.failed(text, shown + ": only one side may use [*]");
    }
    boolean multi = l.multi() || r.multi();
    List<String> offenders = new ArrayList<>();
    int failures = 0;
    String problem = null;
    List<Elem> elems = r.multi() ? r.elems() : l.elems();
    for (Elem e : elems) {
      Object a = r.multi() ? l.single() : e.value();
      Object b = r.multi() ? e.value() : r.single();
      String elemProblem = null;
      try {
        if (holds(a, b)) continue;
      } catch (Mismatch m) {
        elemProblem = m.getMessage();
        problem = elemProblem;
      }
      failures++;
      if (offenders.size() < MAX_OFFENDERS) {
        Object v = e.value();
        String why = v instanceof Missing m ? m.reason()
            : ctx.display.show(null, v) + (elemProblem != null ? ": " + elemProblem : "");
        offenders.add(e.label() + " (" + why + ")");
      }
      if (!multi) break;
    }
    if (failures == 0) return ConditionResult.passed(text, shown);
    if (!multi) return ConditionResult.failed(text, problem == null ? shown : shown + ": " + problem);
    String more = failures > offenders.size() ? " and " + (failures - offenders.size()) + " more" : "";
    return ConditionResult.failed(text, shown + ": " + failures + " of " + elems.size() + " fail: "
        + String.join(", ", offenders) + more);
  }

  /** The side as shown; a computed side also shows its result: {@code [BASELINE] (0.2) * 1.5 (= 0.3)}. */
  private String side(Expr e, Operand o) {
    if (o.ok() && !o.multi() && (e instanceof Expr.Arith || e instanceof Expr.Neg)) {
      Object v = o.single();
      boolean ratioOfDurations = v instanceof Number && Display.unitOf(e) == Display.Unit.DURATION;
      return o.shown() + " (= " + (ratioOfDurations ? Values.show(v) : display.show(baseName(e), v)) + ")";
    }
    return o.shown();
  }

  /** The placeholder whose type a computed side has ({@code [BASELINE] * 1.5} is shown like [BASELINE]). */
  private static String baseName(Expr e) {
    Set<String> names = new LinkedHashSet<>();
    e.placeholders(names);
    return names.size() == 1 ? names.iterator().next() : null;
  }

  private boolean holds(Object a, Object b) throws Mismatch {
    if (a instanceof Missing m) throw new Mismatch(m.reason());
    if (b instanceof Missing m) throw new Mismatch(m.reason());
    if (right instanceof Expr.Pat || right instanceof Expr.Any) return matches(a, right) == op.equals("==");
    if (left instanceof Expr.Pat || left instanceof Expr.Any) return matches(b, left) == op.equals("==");
    return Values.compare(a, op, b);
  }

  private static boolean matches(Object v, Expr matcher) throws Mismatch {
    if (matcher instanceof Expr.Pat p) return p.matches(v);
    for (Expr option : ((Expr.Any) matcher).options()) {
      if (option instanceof Expr.Pat p) {
        if (p.matches(v)) return true;
      } else if (Values.compare(v, "==", ((Expr.Lit) option).value())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedCondition c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
