package dev.golive.condition.impl;

import dev.golive.condition.impl.Operand.Elem;
import dev.golive.condition.impl.Values.Mismatch;
import dev.golive.condition.impl.Values.Missing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A parsed operand of a condition. Immutable; {@link #eval} never throws for any observation. */
sealed interface Expr {

  /** The operand as written. */
  String source();

  Operand eval(EvalContext ctx);

  void placeholders(Set<String> out);

  /** True when evaluating may give several values ({@code [*]}). */
  default boolean fansOut() {
    return false;
  }

  // ------------------------------------------------------------------ literals

  record Lit(Object value, String source) implements Expr {
    @Override
    public Operand eval(EvalContext ctx) {
      return Operand.of(source, source, value);
    }

    @Override
    public void placeholders(Set<String> out) {}
  }

  // ------------------------------------------------------------------ placeholder paths

  sealed interface Segment {}

  record Key(String name, boolean quoted) implements Segment {
    String label() {
      return quoted ? "[\"" + name + "\"]" : "." + name;
    }
  }

  record Index(int index) implements Segment {}

  record Star() implements Segment {}

  /** {@code [NAME]} followed by {@code .key}, {@code [0]}, {@code [-1]}, {@code [*]} or {@code ["key"]} steps. */
  record Ref(String name, List<Segment> path, String source) implements Expr {

    @Override
    public void placeholders(Set<String> out) {
      out.add(name);
    }

    @Override
    public boolean fansOut() {
      return path.stream().anyMatch(s -> s instanceof Star);
    }

    @Override
    public Operand eval(EvalContext ctx) {
      Resolution r = resolve(ctx);
      if (r.noData != null) return Operand.noData(source + " (" + r.noData + ")", r.noData);
      String typed = path.isEmpty() ? name : null;
      if (!r.multi) return Operand.of(source + " (" + ctx.display.show(typed, r.elems.get(0).value()) + ")", source,
          r.elems.get(0).value());
      List<String> shown = new ArrayList<>();
      for (Elem e : r.elems) shown.add(ctx.display.show(typed, e.value()));
      return new Operand(source + " (" + Values.truncate(String.join(", ", shown)) + ")", r.elems, true, null, null);
    }

    /** Values at the path; {@code rootMissing} when the placeholder itself was not observed. */
    record Resolution(List<Elem> elems, boolean multi, String noData, boolean rootMissing) {}

    Resolution resolve(EvalContext ctx) {
      Optional<Object> root = ctx.observation.get(name);
      if (root.isEmpty()) return new Resolution(List.of(), false, "no data", true);
      Object value = Values.normalize(root.get());
      String label = "[" + name + "]";
      if (path.isEmpty()) return new Resolution(List.of(new Elem(label, value)), false, null, false);
      if (value instanceof String text) {
        value = ctx.json(name, text);
        if (value instanceof EvalContext.NotJson nj) return new Resolution(List.of(), false, "no data: " + nj.reason(),
            false);
      }
      List<Elem> current = List.of(new Elem(label, value));
      boolean multi = false;
      for (Segment seg : path) {
        boolean multiBefore = multi;
        List<Elem> next = new ArrayList<>();
        for (Elem e : current) {
          if (e.value() instanceof Missing) {
            next.add(e);
            continue;
          }
          if (seg instanceof Star) {
            multi = true;
            if (e.value() instanceof List<?> list) {
              for (int i = 0; i < list.size(); i++) {
                next.add(new Elem(e.label() + "[" + i + "]", Values.normalize(list.get(i))));
              }
            } else if (e.value() instanceof Map<?, ?> map) {
              map.forEach((k, v) -> next.add(new Elem(e.label() + "." + k, Values.normalize(v))));
            } else {
              String why = e.label() + " is " + article(e.value()) + ", not an array";
              if (!multiBefore) return new Resolution(List.of(), false, "no data: " + why,
                  false);
              next.add(new Elem(e.label() + "[*]", new Missing("not an array")));
            }
            continue;
          }
          String step = e.label() + (seg instanceof Key k ? k.label() : "[" + ((Index) seg).index() + "]");
          Object v;
          String why = null;
          if (seg instanceof Key k) {
            if (e.value() instanceof Map<?, ?> map) {
              v = lookup(map, k.name());
              if (v == NOT_FOUND) why = "no field '" + k.name() + "' in " + e.label();
            } else {
              v = NOT_FOUND;
              why = e.label() + " is " + article(e.value()) + ", not an object";
            }
          } else {
            int i = ((Index) seg).index();
            if (e.value() instanceof List<?> list) {
              int at = i < 0 ? list.size() + i : i;
              v = at >= 0 && at < list.size() ? list.get(at) : NOT_FOUND;
              if (v == NOT_FOUND) why = "index " + i + " out of range (" + e.label() + " has " + list.size()
                  + " elements)";
            } else {
              v = NOT_FOUND;
              why = e.label() + " is " + article(e.value()) + ", not an array";
            }
          }
          if (why != null) {
            if (!multi) return new Resolution(List.of(), false, "no data: " + why, false);
            next.add(new Elem(step, new Missing("missing")));
          } else {
            next.add(new Elem(step, Values.normalize(v)));
          }
        }
        current = next;
      }
      if (multi && current.isEmpty()) return new Resolution(List.of(), true, "no data: no elements", false);
      return new Resolution(current, multi, null, false);
    }
  }

  Object NOT_FOUND = new Object();

  /** Exact key first, then case-insensitively (headers, labels). */
  static Object lookup(Map<?, ?> map, String key) {
    if (map.containsKey(key)) return map.get(key);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (String.valueOf(e.getKey()).equalsIgnoreCase(key)) return e.getValue();
    }
    return NOT_FOUND;
  }

  static String article(Object v) {
    String k = Values.kind(v);
    return (k.startsWith("a") || k.startsWith("o") ? "an " : "a ") + k;
  }

  // ------------------------------------------------------------------ arithmetic

  record Arith(Expr left, char op, Expr right, String source) implements Expr {
    @Override
    public void placeholders(Set<String> out) {
      left.placeholders(out);
      right.placeholders(out);
    }

    @Override
    public boolean fansOut() {
      return left.fansOut() || right.fansOut();
    }

    @Override
    public Operand eval(EvalContext ctx) {
      Operand l = left.eval(ctx);
      Operand r = right.eval(ctx);
      String shown = l.shown() + " " + op + " " + r.shown();
      if (l.noData() != null || r.noData() != null) {
        return Operand.noData(shown, l.noData() != null ? l.noData() : r.noData());
      }
      if (l.error() != null) return Operand.error(shown, l.error());
      if (r.error() != null) return Operand.error(shown, r.error());
      if (l.multi() && r.multi()) return Operand.error(shown, "only one operand may use [*]");
      List<Elem> out = new ArrayList<>();
      try {
        if (r.multi()) {
          for (Elem e : r.elems()) out.add(new Elem(e.label(), apply(l.single(), e.value())));
        } else {
          for (Elem e : l.elems()) out.add(new Elem(e.label(), apply(e.value(), r.single())));
        }
      } catch (Mismatch m) {
        return Operand.error(shown, m.getMessage());
      }
      return new Operand(shown, out, l.multi() || r.multi(), null, null);
    }

    private Object apply(Object a, Object b) throws Mismatch {
      if (a instanceof Missing || b instanceof Missing) return a instanceof Missing ? a : b;
      return Values.arithmetic(a, op, b);
    }
  }

  record Neg(Expr operand, String source) implements Expr {
    @Override
    public void placeholders(Set<String> out) {
      operand.placeholders(out);
    }

    @Override
    public boolean fansOut() {
      return operand.fansOut();
    }

    @Override
    public Operand eval(EvalContext ctx) {
      Operand o = operand.eval(ctx);
      String shown = "-" + o.shown();
      if (o.noData() != null) return Operand.noData(shown, o.noData());
      if (o.error() != null) return Operand.error(shown, o.error());
      List<Elem> out = new ArrayList<>();
      try {
        for (Elem e : o.elems()) out.add(new Elem(e.label(), e.value() instanceof Missing ? e.value()
            : Values.negate(e.value())));
      } catch (Mismatch m) {
        return Operand.error(shown, m.getMessage());
      }
      return new Operand(shown, out, o.multi(), null, null);
    }
  }

  record Group(Expr inner, String source) implements Expr {
    @Override
    public void placeholders(Set<String> out) {
      inner.placeholders(out);
    }

    @Override
    public boolean fansOut() {
      return inner.fansOut();
    }

    @Override
    public Operand eval(EvalContext ctx) {
      Operand o = inner.eval(ctx);
      String shown = "(" + o.shown() + ")";
      return new Operand(shown, o.elems(), o.multi(), o.noData(), o.error());
    }
  }

  // ------------------------------------------------------------------ functions

  /** {@code len(x)}: characters of text, elements of an array, fields of an object; a JSON text counts as JSON. */
  record Len(Expr arg, String source) implements Expr {
    @Override
    public void placeholders(Set<String> out) {
      arg.placeholders(out);
    }

    @Override
    public boolean fansOut() {
      return arg.fansOut();
    }

    @Override
    public Operand eval(EvalContext ctx) {
      Operand o = arg.eval(ctx);
      if (o.noData() != null) return Operand.noData(source + " (" + o.noData() + ")", o.noData());
      if (o.error() != null) return Operand.error(source, o.error());
      List<Elem> out = new ArrayList<>();
      List<String> shown = new ArrayList<>();
      for (Elem e : o.elems()) {
        Object v = e.value();
        Object len;
        if (v instanceof Missing) {
          len = v;
        } else {
          if (v instanceof String s && arg instanceof Ref ref && ref.path().isEmpty()) {
            Object json = ctx.json(ref.name(), s);
            if (json instanceof Map || json instanceof List) v = json;
          }
          if (v instanceof String s) len = java.math.BigDecimal.valueOf(s.codePointCount(0, s.length()));
          else if (v instanceof List<?> l) len = java.math.BigDecimal.valueOf(l.size());
          else if (v instanceof Map<?, ?> m) len = java.math.BigDecimal.valueOf(m.size());
          else return Operand.error(source + " (" + Values.show(v) + ")",
              "len() needs text, an array or an object, not " + article(v));
        }
        out.add(new Elem("len(" + e.label() + ")", len));
        shown.add(Values.show(len));
      }
      return new Operand(source + " (" + Values.truncate(String.join(", ", shown)) + ")", out, o.multi(), null,
          null);
    }
  }

  /** {@code has(path)}: true when the path exists (for {@code [*]}: in every element, and there is one). */
  record Has(Ref arg, String source) implements Expr {
    @Override
    public void placeholders(Set<String> out) {
      arg.placeholders(out);
    }

    @Override
    public Operand eval(EvalContext ctx) {
      Ref.Resolution r = arg.resolve(ctx);
      if (r.rootMissing()) return Operand.noData(source + " (no data)", "no data");
      boolean has = r.noData() == null && !r.elems().isEmpty()
          && r.elems().stream().noneMatch(e -> e.value() instanceof Missing);
      return Operand.of(source + " (" + has + ")", source, has);
    }
  }

  // ------------------------------------------------------------------ matchers (a whole side of == / !=)

  /** {@code pat(*json*)}: {@code *} matches any run of characters; the rest matches literally. */
  record Pat(String glob, Pattern regex, String source) implements Expr {
    static Pat of(String glob, String source) {
      StringBuilder re = new StringBuilder();
      for (String part : glob.split("\\*", -1)) {
        if (!re.isEmpty()) re.append(".*");
        re.append(Pattern.quote(part));
      }
      return new Pat(glob, Pattern.compile(re.toString(), Pattern.DOTALL), source);
    }

    boolean matches(Object v) {
      return regex.matcher(Values.text(Values.unwrap(v))).matches();
    }

    @Override
    public Operand eval(EvalContext ctx) {
      return Operand.of(source, source, glob);
    }

    @Override
    public void placeholders(Set<String> out) {}
  }

  /** {@code any(a, b, pat(c*))}: equal to one of the alternatives. */
  record Any(List<Expr> options, String source) implements Expr {
    @Override
    public Operand eval(EvalContext ctx) {
      return Operand.of(source, source, source);
    }

    @Override
    public void placeholders(Set<String> out) {}
  }
}
