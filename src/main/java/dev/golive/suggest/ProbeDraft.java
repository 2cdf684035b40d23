package dev.golive.suggest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe to write: its id stem (made unique by the writer), kind, the kind's block (an ordered map of strings,
 * numbers, booleans, lists and maps), its conditions (empty: the kind's defaults), optional interval and timeout, and
 * a note telling the user what to fill in.
 */
public record ProbeDraft(String stem, String kind, Map<String, Object> spec, List<String> conditions, String interval,
    String timeout, String note) {

  public ProbeDraft {
    spec = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spec));
    conditions = List.copyOf(conditions);
  }

  static ProbeDraft of(String stem, String kind, Map<String, Object> spec, List<String> conditions, String note) {
    return new ProbeDraft(stem, kind, spec, conditions, null, null, note);
  }

  ProbeDraft every(String newInterval, String newTimeout) {
    return new ProbeDraft(stem, kind, spec, conditions, newInterval, newTimeout, note);
  }

  /** An ordered map from alternating keys and values; null values are left out. */
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
