package dev.golive.condition.impl;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionSyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the condition language: {@code operand op operand} where op is one of {@code == != < <= > >=} and an operand
 * is a placeholder path ({@code [BODY].items[*].tenant}), a function ({@code len(...)}, {@code has(...)}), a literal
 * (number, unit, quoted or bare text), arithmetic of those, or, on one side of {@code ==}/{@code !=}, {@code pat(...)}
 * or {@code any(...)}. A side without placeholders or functions is one literal: {@code UP}, {@code hello world},
 * {@code 2024-01-01}. Errors carry the 1-based column into the text.
 */
public final class ConditionParser {
  private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");
  private static final Pattern STRUCTURED =
      Pattern.compile("^[\\[(\"]|^-[\\[(]|^[A-Za-z_]\\w*\\(|\\[[A-Za-z_]");
  private static final Pattern ARITHMETIC = Pattern.compile("\\s[-+*/]\\s");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String WORD_STOP = "()[],\"*+/<>=!";
  private static final String KEY_STOP = ".[]()<>=!,\"*+";
  private static final String FUNCTIONS = "len, has, pat, any";

  private final String text;
  private int pos;
  private int limit;

  private ConditionParser(String text) {
    this.text = text;
  }

  public static Condition parse(String text) throws ConditionSyntaxException {
    if (text == null || text.isBlank()) throw new ConditionSyntaxException(1, "empty condition");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        throw new ConditionSyntaxException(i + 1, String.format("control character U+%04X in the condition", (int) c)
            + (c == 0 ? " (NUL)" : "") + "; a condition is one line of printable text");
      }
    }
    return new ConditionParser(text).condition();
  }

  private Condition condition() throws ConditionSyntaxException {
    int[] op = findOperator();
    String operator = text.substring(op[0], op[1]);
    Expr left = side(0, op[0], operator, true);
    Expr right = side(op[1], text.length(), operator, false);
    boolean leftMatcher = isMatcher(left);
    boolean rightMatcher = isMatcher(right);
    if (leftMatcher && rightMatcher) {
      throw error(op[1] + firstNonSpace(op[1]), "only one side may be pat() or any()");
    }
    if ((leftMatcher || rightMatcher) && !operator.equals("==") && !operator.equals("!=")) {
      throw error(op[0], "pat() and any() work only with == and !=, not " + operator);
    }
    return new ParsedCondition(text, left, operator, right, op[0]);
  }

  private static boolean isMatcher(Expr e) {
    return e instanceof Expr.Pat || e instanceof Expr.Any;
  }

  private int firstNonSpace(int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
    return i - from;
  }

  // ------------------------------------------------------------------ operator

  /** Start and end of the comparison operator: the first one outside brackets, parentheses and quotes. */
  private int[] findOperator() throws ConditionSyntaxException {
    Deque<Integer> open = new ArrayDeque<>();
    int n = text.length();
    int quote = -1;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quote >= 0) {
        if (c == '\\') i++;
        else if (c == '"') quote = -1;
        continue;
      }
      switch (c) {
        case '"' -> quote = i;
        case '[', '(' -> open.push(i);
        case ']', ')' -> {
          char want = c == ']' ? '[' : '(';
          if (open.isEmpty()) throw error(i, "unbalanced '" + c + "': no matching '" + want + "'");
          int at = open.pop();
          if (text.charAt(at) != want) {
            throw error(i, "'" + c + "' does not close '" + text.charAt(at) + "' at column " + (at + 1));
          }
        }
        default -> {
          if (!open.isEmpty()) break;
          String two = text.substring(i, Math.min(i + 2, n));
          if (two.equals("=>") || two.equals("=<")) {
            throw error(i, "unknown operator '" + two + "' (did you mean '" + two.charAt(1) + "='?)");
          }
          if (two.equals("<>")) throw error(i, "unknown operator '<>' (use '!=')");
          if (OPERATORS.contains(two) && two.length() == 2) {
            if (i + 2 < n && text.charAt(i + 2) == '=') throw error(i, "unknown operator '" + two + "='");
            return new int[] {i, i + 2};
          }
          if (c == '<' || c == '>') return new int[] {i, i + 1};
          if (c == '=') throw error(i, "use '==' to compare, not '='");
        }
      }
    }
    if (quote >= 0) throw error(quote, "unterminated string: missing closing '\"'");
    if (!open.isEmpty()) {
      int at = open.getLast();
      char c = text.charAt(at);
      throw error(at, "unbalanced '" + c + "': missing '" + (c == '[' ? ']' : ')') + "'");
    }
    throw missingOperator();
  }

  private ConditionSyntaxException missingOperator() throws ConditionSyntaxException {
    String expected = "missing comparison operator (==, !=, <, <=, >, >=)";
    int start = firstNonSpace(0);
    if (!STRUCTURED.matcher(text.substring(start)).find()) return error(text.stripTrailing().length(), expected);
    pos = start;
    limit = text.length();
    expr();
    skipSpace();
    if (pos >= limit) return error(text.stripTrailing().length(), expected + " after '" + text.strip() + "'");
    return error(pos, expected + " before '" + Values.truncate(text.substring(pos).strip()) + "'");
  }

  // ------------------------------------------------------------------ sides

  private Expr side(int from, int to, String operator, boolean left) throws ConditionSyntaxException {
    int lo = from;
    int hi = to;
    while (lo < hi && Character.isWhitespace(text.charAt(lo))) lo++;
    while (hi > lo && Character.isWhitespace(text.charAt(hi - 1))) hi--;
    if (lo == hi) {
      throw left ? error(from, "missing value before '" + operator + "'")
          : error(to, "missing value after '" + operator + "'");
    }
    String sub = text.substring(lo, hi);
    pos = lo;
    limit = hi;
    if (STRUCTURED.matcher(sub).find()) {
      Expr e;
      int name = pos;
      String fn = identifier();
      if (fn != null && pos < limit && text.charAt(pos) == '('
          && (fn.equalsIgnoreCase("pat") || fn.equalsIgnoreCase("any"))) {
        e = matcher(fn.toLowerCase(Locale.ROOT), name);
      } else {
        pos = name;
        e = expr();
      }
      skipSpace();
      if (pos < limit) throw unexpected();
      return e;
    }
    if (ARITHMETIC.matcher(sub).find()) {
      try {
        Expr e = expr();
        skipSpace();
        if (pos == limit && numeric(e)) return e;
      } catch (ConditionSyntaxException e) {
        if (e.getMessage().startsWith("bad unit")) throw e;
        // not arithmetic: one literal
      }
    }
    return literal(lo, hi);
  }

  private static boolean numeric(Expr e) {
    if (e instanceof Expr.Lit l) return !(l.value() instanceof String);
    if (e instanceof Expr.Arith a) return numeric(a.left()) && numeric(a.right());
    if (e instanceof Expr.Neg n) return numeric(n.operand());
    if (e instanceof Expr.Group g) return numeric(g.inner());
    return false;
  }

  private Expr.Lit literal(int lo, int hi) throws ConditionSyntaxException {
    String word = text.substring(lo, hi);
    try {
      return new Expr.Lit(Literals.classify(word), word);
    } catch (IllegalArgumentException e) {
      throw error(lo, e.getMessage());
    }
  }

  // ------------------------------------------------------------------ expressions

  private Expr expr() throws ConditionSyntaxException {
    int start = pos;
    Expr left = term();
    while (true) {
      skipSpace();
      if (pos >= limit || (text.charAt(pos) != '+' && text.charAt(pos) != '-')) return left;
      char op = text.charAt(pos++);
      Expr right = term();
      left = new Expr.Arith(left, op, right, text.substring(start, pos));
    }
  }

  private Expr term() throws ConditionSyntaxException {
    skipSpace();
    int start = pos;
    Expr left = unary();
    while (true) {
      skipSpace();
      if (pos >= limit || (text.charAt(pos) != '*' && text.charAt(pos) != '/')) return left;
      char op = text.charAt(pos++);
      Expr right = unary();
      left = new Expr.Arith(left, op, right, text.substring(start, pos));
    }
  }

  private Expr unary() throws ConditionSyntaxException {
    skipSpace();
    int start = pos;
    if (pos + 1 < limit && text.charAt(pos) == '-' && !Character.isDigit(text.charAt(pos + 1))
        && text.charAt(pos + 1) != '.') {
      pos++;
      Expr operand = unary();
      return new Expr.Neg(operand, text.substring(start, pos));
    }
    return primary();
  }

  private Expr primary() throws ConditionSyntaxException {
    skipSpace();
    if (pos >= limit) {
      int before = pos - 1;
      while (before > 0 && Character.isWhitespace(text.charAt(before))) before--;
      throw error(pos, "missing value after '" + text.charAt(before) + "'");
    }
    int start = pos;
    char c = text.charAt(pos);
    if (c == '[') return ref();
    if (c == '(') {
      pos++;
      Expr inner = expr();
      skipSpace();
      if (pos >= limit) throw error(start, "unbalanced '(': missing ')'");
      if (text.charAt(pos) != ')') throw unexpected();
      pos++;
      return new Expr.Group(inner, text.substring(start, pos));
    }
    if (c == '"') return new Expr.Lit(quoted(), text.substring(start, pos));
    String name = identifier();
    if (name != null && pos < limit && text.charAt(pos) == '(') return function(name, start);
    pos = start;
    while (pos < limit && !Character.isWhitespace(text.charAt(pos)) && WORD_STOP.indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (pos == start) throw unexpected();
    return literal(start, pos);
  }

  private Expr function(String name, int start) throws ConditionSyntaxException {
    String fn = name.toLowerCase(Locale.ROOT);
    int open = pos;
    switch (fn) {
      case "len", "has" -> {
        pos++;
        skipSpace();
        int argAt = pos;
        if (pos < limit && text.charAt(pos) == ')') throw error(pos, fn + "() needs an argument, e.g. " + fn
            + "([BODY].items)");
        Expr arg = expr();
        skipSpace();
        if (pos >= limit) throw error(open, "unbalanced '(': missing ')'");
        if (text.charAt(pos) == ',') throw error(pos, fn + "() takes one argument");
        if (text.charAt(pos) != ')') throw unexpected();
        pos++;
        String source = text.substring(start, pos);
        if (fn.equals("len")) return new Expr.Len(arg, source);
        if (!(arg instanceof Expr.Ref ref)) {
          throw error(argAt, "has() takes a placeholder path such as [BODY].field");
        }
        return new Expr.Has(ref, source);
      }
      case "pat", "any" -> throw error(start, fn + "() can only be a whole side of == or !=, e.g. [BODY] == "
          + (fn.equals("pat") ? "pat(*ok*)" : "any(200, 204)"));
      default -> throw error(start, "unknown function '" + name + "' (known: " + FUNCTIONS + ")");
    }
  }

  /** {@code pat(...)} or {@code any(...)} at {@code pos} (the '('); arguments are raw text, not expressions. */
  private Expr matcher(String fn, int start) throws ConditionSyntaxException {
    int open = pos;
    int close = closing(open);
    pos = close + 1;
    String source = text.substring(start, pos);
    if (fn.equals("pat")) return pattern(open + 1, close, source);
    List<Expr> options = new ArrayList<>();
    int from = open + 1;
    int depth = 0;
    boolean quoted = false;
    for (int i = open + 1; i <= close; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') i++;
        else if (c == '"') quoted = false;
        continue;
      }
      if (c == '"') quoted = true;
      else if (c == '(') depth++;
      else if (c == ')' && depth > 0) depth--;
      else if ((c == ',' && depth == 0) || i == close) {
        options.add(option(from, i, options.isEmpty() && i == close));
        from = i + 1;
      }
    }
    if (options.isEmpty()) throw error(open + 1, "any() needs at least one value, e.g. any(200, 204)");
    return new Expr.Any(List.copyOf(options), source);
  }

  private Expr option(int from, int to, boolean only) throws ConditionSyntaxException {
    int lo = from;
    int hi = to;
    while (lo < hi && Character.isWhitespace(text.charAt(lo))) lo++;
    while (hi > lo && Character.isWhitespace(text.charAt(hi - 1))) hi--;
    if (lo == hi) throw error(lo, only ? "any() needs at least one value, e.g. any(200, 204)" : "empty value in any()");
    int savedPos = pos;
    int savedLimit = limit;
    try {
      pos = lo;
      limit = hi;
      if (text.charAt(lo) == '"') {
        Expr.Lit lit = new Expr.Lit(quoted(), text.substring(lo, pos));
        if (pos < hi) throw unexpected();
        return lit;
      }
      String name = identifier();
      if (name != null && pos < hi && text.charAt(pos) == '(') {
        if (!name.equalsIgnoreCase("pat")) throw error(lo, "any() accepts values and pat(...), not " + name + "()");
        int close = closing(pos);
        if (close + 1 != hi) {
          pos = close + 1;
          throw unexpected();
        }
        return pattern(pos + 1, close, text.substring(lo, hi));
      }
      return literal(lo, hi);
    } finally {
      pos = savedPos;
      limit = savedLimit;
    }
  }

  private Expr.Pat pattern(int from, int to, String source) throws ConditionSyntaxException {
    String glob = text.substring(from, to).strip();
    if (glob.length() >= 2 && glob.startsWith("\"") && glob.endsWith("\"")) {
      glob = unescape(glob.substring(1, glob.length() - 1));
    } else if (glob.isEmpty()) {
      throw error(from, "pat() needs a pattern, e.g. pat(*json*)");
    }
    return Expr.Pat.of(glob, source);
  }

  /** Index of the ')' closing the '(' at {@code open}, within the current limit. */
  private int closing(int open) throws ConditionSyntaxException {
    int depth = 0;
    boolean quoted = false;
    for (int i = open; i < limit; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') i++;
        else if (c == '"') quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw error(open, "unbalanced '(': missing ')'");
  }

  // ------------------------------------------------------------------ placeholders

  private Expr ref() throws ConditionSyntaxException {
    int start = pos;
    int close = text.indexOf(']', pos);
    if (close < 0 || close >= limit) throw error(start, "unbalanced '[': missing ']'");
    String name = text.substring(pos + 1, close);
    if (name.isEmpty()) throw error(start, "empty placeholder '[]'; expected e.g. [STATUS]");
    if (!NAME.matcher(name).matches()) {
      throw error(start + 1, "bad placeholder name '" + name + "' (letters, digits and _, e.g. [STATUS])");
    }
    pos = close + 1;
    List<Expr.Segment> path = new ArrayList<>();
    while (pos < limit) {
      char c = text.charAt(pos);
      if (c == '.') {
        pos++;
        if (pos < limit && text.charAt(pos) == '"') {
          path.add(new Expr.Key(quoted(), true));
          continue;
        }
        int keyStart = pos;
        while (pos < limit && !Character.isWhitespace(text.charAt(pos)) && KEY_STOP.indexOf(text.charAt(pos)) < 0) {
          pos++;
        }
        if (pos == keyStart) throw error(keyStart, "expected a field name after '.'");
        path.add(new Expr.Key(text.substring(keyStart, pos), false));
      } else if (c == '[') {
        int open = pos;
        int end = text.indexOf(']', pos);
        if (end < 0 || end >= limit) throw error(open, "unbalanced '[': missing ']'");
        String inside = text.substring(pos + 1, end).strip();
        if (inside.equals("*")) {
          path.add(new Expr.Star());
        } else if (inside.matches("-?\\d{1,9}")) {
          path.add(new Expr.Index(Integer.parseInt(inside)));
        } else if (inside.length() >= 2 && inside.startsWith("\"") && inside.endsWith("\"")) {
          path.add(new Expr.Key(unescape(inside.substring(1, inside.length() - 1)), true));
        } else {
          throw error(open, "bad index '[" + inside + "]' (use [0], [-1], [*] or [\"key\"])");
        }
        pos = end + 1;
      } else {
        break;
      }
    }
    return new Expr.Ref(name.toUpperCase(Locale.ROOT), List.copyOf(path), text.substring(start, pos));
  }

  // ------------------------------------------------------------------ lexing helpers

  private String identifier() {
    int start = pos;
    if (pos < limit && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
      while (pos < limit && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
      return text.substring(start, pos);
    }
    return null;
  }

  /** A "quoted" string at {@code pos} with \" and \\ escapes; leaves {@code pos} after the closing quote. */
  private String quoted() throws ConditionSyntaxException {
    int start = pos;
    StringBuilder out = new StringBuilder();
    for (int i = pos + 1; i < limit; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < limit) {
        out.append(text.charAt(++i));
      } else if (c == '"') {
        pos = i + 1;
        return out.toString();
      } else {
        out.append(c);
      }
    }
    throw error(start, "unterminated string: missing closing '\"'");
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
      out.append(c);
    }
    return out.toString();
  }

  private void skipSpace() {
    while (pos < limit && Character.isWhitespace(text.charAt(pos))) pos++;
  }

  private ConditionSyntaxException unexpected() {
    char c = text.charAt(pos);
    if (text.startsWith("&&", pos) || text.startsWith("||", pos)) {
      return error(pos, "'" + text.substring(pos, pos + 2) + "' is not supported: write one condition per line");
    }
    if ("<>=!".indexOf(c) >= 0) return error(pos, "unexpected '" + c + "': a condition has exactly one comparison");
    if (c == ')' || c == ']') return error(pos, "unbalanced '" + c + "'");
    int end = pos;
    while (end < limit && !Character.isWhitespace(text.charAt(end))) end++;
    String what = text.substring(pos, Math.max(end, pos + 1));
    return error(pos, "unexpected '" + Values.truncate(what) + "' (missing operator?)");
  }

  /** An error at 0-based offset {@code at}. */
  private ConditionSyntaxException error(int at, String message) {
    return new ConditionSyntaxException(Math.max(1, Math.min(at, text.length()) + 1), message);
  }
}
