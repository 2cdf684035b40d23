package dev.golive.probe.impl;

import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.config.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an observation into evidence that is small, JSON-friendly and free of secrets. */
final class Evidence {
  static final int MAX_TEXT = 2048;
  private static final int MAX_ELEMENTS = 50;

  private Evidence() {}

  static Map<String, Object> summarize(Observation observation, Secrets secrets) {
    Map<String, Object> out = new LinkedHashMap<>();
    observation.values().forEach((k, v) -> out.put(k, value(v, secrets)));
    return out;
  }

  private static Object value(Object v, Secrets secrets) {
    if (v instanceof Duration d) return Durations.format(d);
    if (v instanceof Number || v instanceof Boolean) return v;
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> {
        if (out.size() < MAX_ELEMENTS) out.put(String.valueOf(k), value(x, secrets));
      });
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      for (Object x : c) {
        if (out.size() >= MAX_ELEMENTS) break;
        out.add(value(x, secrets));
      }
      return out;
    }
    String s = secrets.redact(String.valueOf(v));
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "... (" + s.length() + " chars)" : s;
  }
}
