package dev.golive.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound read from an item's text: {@code < 0.1%}, {@code under 300ms}, {@code dưới 2 giây}, {@code kurang dari 1
 * jam}, {@code more than 30 days}, {@code threshold: 80%}. Units are converted to the condition language's own
 * ({@code ms s m h d}, {@code %}, {@code MB GB}); {@code op} is one of {@code < <= > >= ==}.
 */
record Threshold(String op, String number, String unit) {
  private static final String NUM = "(\\d+(?:[.,]\\d+)?)";
  private static final String UNIT = "\\s*(%|ms|milli ?seconds?|mili ?detik|mili ?giay|seconds?|secs?|s|detik|giay"
      + "|minutes?|mins?|m|menit|phut|hours?|hrs?|h|jam|gio|days?|d|hari|ngay|weeks?|minggu|tuan|gb|mb|kb|tb)?"
      + "(?![a-z0-9])";
  /** Comparators in English, Indonesian and Vietnamese (folded: no diacritics), longest first. */
  private static final String[][] OPS = {
      {"<=", "<=|≤|=<|at most|no more than|not more than|max(?:imum)?|up to|within|paling lama|maksimal|maks"
          + "|tidak lebih dari|khong qua|toi da"},
      {">=", ">=|≥|=>|at least|min(?:imum)?|minimal|sekurang-kurangnya|paling sedikit|it nhat|toi thieu"},
      {"<", "<|under|below|less than|lower than|faster than|kurang dari|di bawah|dibawah|duoi|nho hon|it hon"
          + "|thap hon"},
      {">", ">|above|over|more than|greater than|longer than|exceeds?|lebih dari|di atas|diatas|melebihi|tren"
          + "|hon|vuot qua|lon hon"},
      {"==", "=|==|equals?|sama dengan|bang"}};
  private static final Pattern WITH_OP;
  private static final Pattern LABELLED = Pattern.compile(
      "(?:threshold|ambang(?: batas)?|nguong|target|sla|slo|rpo|rto)\\s*(?:[:=]|is|adalah|la)?\\s*" + NUM + UNIT);

  static {
    StringBuilder ops = new StringBuilder();
    for (String[] o : OPS) ops.append(ops.length() == 0 ? "" : "|").append("(").append(o[1]).append(")");
    WITH_OP = Pattern.compile("(?<![a-z])(?:" + ops + ")\\s*:?\\s*" + NUM + UNIT);
  }

  /** Every bound in {@code folded} text (see {@link Fold}), in order. */
  static List<Threshold> find(String folded) {
    List<Threshold> out = new ArrayList<>();
    Matcher m = WITH_OP.matcher(folded);
    while (m.find()) {
      String op = null;
      for (int g = 1; g <= OPS.length; g++) if (m.group(g) != null) op = OPS[g - 1][0];
      out.add(of(op, m.group(OPS.length + 1), m.group(OPS.length + 2)));
    }
    if (out.isEmpty()) {
      Matcher l = LABELLED.matcher(folded);
      if (l.find()) out.add(of(null, l.group(1), l.group(2)));
    }
    return out;
  }

  /** The first bound, if any. */
  static Optional<Threshold> first(String folded) {
    List<Threshold> all = find(folded);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** The first bound whose unit is a duration. */
  static Optional<Threshold> duration(String folded) {
    return find(folded).stream().filter(Threshold::isDuration).findFirst();
  }

  /** The first bound in percent. */
  static Optional<Threshold> percent(String folded) {
    return find(folded).stream().filter(t -> "%".equals(t.unit())).findFirst();
  }

  private static Threshold of(String op, String number, String unit) {
    return new Threshold(op, number.replace(',', '.'), canonicalUnit(unit));
  }

  static String canonicalUnit(String unit) {
    if (unit == null) return "";
    String u = unit.replace(" ", "").toLowerCase(Locale.ROOT);
    if (u.equals("%")) return "%";
    if (u.startsWith("ms") || u.startsWith("milli") || u.startsWith("mili")) return "ms";
    if (u.equals("s") || u.startsWith("sec") || u.equals("detik") || u.equals("giay")) return "s";
    if (u.equals("m") || u.startsWith("min") || u.equals("menit") || u.equals("phut")) return "m";
    if (u.equals("h") || u.startsWith("hour") || u.startsWith("hr") || u.equals("jam") || u.equals("gio")) return "h";
    if (u.equals("d") || u.startsWith("day") || u.equals("hari") || u.equals("ngay")) return "d";
    if (u.startsWith("week") || u.equals("minggu") || u.equals("tuan")) return "w";
    return u.toUpperCase(Locale.ROOT);
  }

  boolean isDuration() {
    return List.of("ms", "s", "m", "h", "d", "w").contains(unit);
  }

  /** The bound as a condition value: {@code 500ms}, {@code 0.1%}, {@code 1h}, {@code 200GB}; weeks as days. */
  String value() {
    if (unit.equals("w")) return new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(7))
        .stripTrailingZeros().toPlainString() + "d";
    return number + unit;
  }

  /** The comparator, or {@code fallback} when the text gave a bare labelled number ({@code threshold: 80%}). */
  String opOr(String fallback) {
    return op == null ? fallback : op;
  }

  /** {@code [PLACEHOLDER] op value}, with {@code fallback} as the comparator when the text gave none. */
  String condition(String placeholder, String fallback) {
    return "[" + placeholder + "] " + opOr(fallback) + " " + value();
  }
}
