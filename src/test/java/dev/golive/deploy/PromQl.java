package dev.golive.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading to check which golive series and labels an expression uses. */
final class PromQl {
  private PromQl() {}

  /** {@code golive_x{a="1", b=~"$v"}}: the series name and its label matchers ("" when there are none). */
  record Selector(String series, Map<String, String> matchers) {}

  private static final Pattern SELECTOR = Pattern.compile("\\b(golive_[a-z0-9_]+)\\s*(\\{([^}]*)\\})?");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)");
  private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

  static List<Selector> selectors(String expr) {
    List<Selector> out = new ArrayList<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      Map<String, String> matchers = new java.util.LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher mm = MATCHER.matcher(m.group(3));
        while (mm.find()) matchers.put(mm.group(1), mm.group(2) + mm.group(3));
      }
      out.add(new Selector(m.group(1), matchers));
    }
    return out;
  }

  /** Labels named in by/without/on/ignoring clauses. */
  static Set<String> groupingLabels(String expr) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = GROUPING.matcher(expr);
    while (m.find()) {
      for (String l : m.group(1).split(",")) {
        if (!l.isBlank()) out.add(l.trim());
      }
    }
    return out;
  }

  /** Labels a Grafana legend format refers to. */
  static Set<String> legendLabels(String legend) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = LEGEND.matcher(legend == null ? "" : legend);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /**
   * Problems with an expression's golive selectors: unknown series, unknown labels, missing plan filter.
   *
   * @param planFilter the matcher every selector of a plan-labelled metric must have (operator and value, e.g. {@code =~$plan}), or
   *     null to not require one
   */
  static List<String> problems(String where, String expr, MetricCatalog catalog, String planFilter) {
    List<String> problems = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    List<Selector> selectors = selectors(expr);
    for (Selector s : selectors) {
      String family = catalog.familyOf(s.series());
      if (family == null) {
        problems.add(where + ": " + s.series() + " is not a metric golive exports (MetricNames)");
        continue;
      }
      Set<String> labels = catalog.labelsOf(family);
      known.addAll(labels);
      for (String l : s.matchers().keySet()) {
        if (!labels.contains(l) && !l.equals("__name__")) {
          problems.add(where + ": " + s.series() + " has no label '" + l + "' (labels: " + labels + ")");
        }
      }
      if (planFilter != null && labels.contains("plan") && !planFilter.equals(s.matchers().get("plan"))) {
        problems.add(where + ": " + s.series() + " is not filtered by plan" + planFilter);
      }
    }
    if (!selectors.isEmpty()) {
      for (String l : groupingLabels(expr)) {
        if (!known.contains(l)) problems.add(where + ": groups by '" + l + "', which none of its metrics has");
      }
    }
    return problems;
  }
}
