package dev.golive.condition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a probe saw, by placeholder name without brackets ({@code STATUS}, {@code BODY}, {@code VALUE}...).
 * Values are one of: {@link Number}, {@link java.time.Duration}, {@link String}, {@link Boolean},
 * {@code Map<String, ?>} (for {@code [HEADER].name} and labels, keys compared case-insensitively), or a
 * {@code List<?>}. {@code BODY} is the raw response text; the evaluator parses JSON from it on demand.
 * Immutable.
 */
public final class Observation {
  private static final Observation EMPTY = new Observation(Map.of());
  private final Map<String, Object> values;

  private Observation(Map<String, Object> values) {
    this.values = values;
  }

  public static Observation empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Object> get(String placeholder) {
    return Optional.ofNullable(values.get(placeholder));
  }

  public boolean has(String placeholder) {
    return values.containsKey(placeholder);
  }

  /** All values, in the order they were observed. */
  public Map<String, Object> values() {
    return values;
  }

  /** A copy with one more value (e.g. {@code BASELINE} supplied by a trigger). */
  public Observation with(String placeholder, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(placeholder, value);
    return new Observation(Collections.unmodifiableMap(copy));
  }

  @Override
  public String toString() {
    return values.toString();
  }

  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Builder put(String placeholder, Object value) {
      if (value != null) values.put(placeholder, value);
      return this;
    }

    public Observation build() {
      return new Observation(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
  }
}
