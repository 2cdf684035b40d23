package dev.golive.deploy;

import dev.golive.metrics.MetricNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics golive exports: names from {@link MetricNames} by reflection, labels and summary-ness from each
 * constant's javadoc ("Labels: plan, probe." / "(summary: _count, _sum, _max)") in MetricNames.java.
 */
final class MetricCatalog {
  private static final Path SOURCE = Path.of("src/main/java/dev/golive/metrics/MetricNames.java");
  private static final Pattern DOC_AND_FIELD = Pattern.compile(
      "/\\*\\*(.*?)\\*/\\s*public static final String (\\w+)\\s*=", Pattern.DOTALL);
  private static final Pattern LABELS = Pattern.compile("Labels:\\s*([a-z_, ]+)\\.");
  private static final List<String> SUMMARY_SUFFIXES = List.of("_count", "_sum", "_max");

  /** Exposed family name → its labels (without instance/job, which Prometheus adds). */
  private final Map<String, Set<String>> labels = new LinkedHashMap<>();
  private final Set<String> summaries = new LinkedHashSet<>();

  private MetricCatalog() {}

  static MetricCatalog load() {
    MetricCatalog c = new MetricCatalog();
    Map<String, String> byField = new LinkedHashMap<>();
    for (Field f : MetricNames.class.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
        try {
          byField.put(f.getName(), (String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    String source;
    try {
      source = Files.readString(SOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SOURCE.toAbsolutePath(), e);
    }
    Matcher m = DOC_AND_FIELD.matcher(source);
    while (m.find()) {
      String name = byField.get(m.group(2));
      if (name == null) throw new IllegalStateException("javadoc for unknown constant " + m.group(2));
      String doc = m.group(1).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
      Matcher l = LABELS.matcher(doc);
      Set<String> ls = new LinkedHashSet<>();
      if (l.find()) Arrays.stream(l.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ls::add);
      c.labels.put(name, ls);
      if (doc.contains("summary")) c.summaries.add(name);
    }
    if (!c.labels.keySet().equals(new LinkedHashSet<>(byField.values()))) {
      throw new IllegalStateException("every MetricNames constant needs a javadoc: " + byField.values());
    }
    return c;
  }

  Set<String> families() {
    return labels.keySet();
  }

  /** The family a series name belongs to (summaries expose _count/_sum/_max), or null if golive exports none. */
  String familyOf(String series) {
    if (labels.containsKey(series)) return series;
    for (String s : summaries) {
      for (String suffix : SUMMARY_SUFFIXES) {
        if (series.equals(s + suffix)) return s;
      }
    }
    return null;
  }

  boolean isSummary(String family) {
    return summaries.contains(family);
  }

  /** Labels of the family plus those every scrape adds. */
  Set<String> labelsOf(String family) {
    Set<String> all = new LinkedHashSet<>(labels.get(family));
    all.add("instance");
    all.add("job");
    return all;
  }
}
