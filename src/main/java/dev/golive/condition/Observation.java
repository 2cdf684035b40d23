package dev.golive.condition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a probe saw, by placeholder name without brackets ({@code STATUS}, {@code BODY}, {@code VALUE}...).
 * Values are one of: {@link Number}, {@link java.time.Duration}, {@link String}, {@link Boolean},
 * {@code Map<String, ?>} (for {@code [HEADER].name} and labels, keys compared case-insensitively), or a
 * {@code List<?>}. {@code BODY} is the raw response text; the evaluator parses JSON from it on demand.
 * Immutable.
 */
public final class Observation {
  private static final Observation EMPTY = new Observation(Map.of(), Map.of());
  private final Map<String, Object> values;
  private final Map<String, String> reasons;
  /** What was derived from text values (the JSON parsed from a body), by placeholder. */
  private final Map<String, Object> derived = new ConcurrentHashMap<>();

  private Observation(Map<String, Object> values, Map<String, String> reasons) {
    this.values = values;
    this.reasons = reasons;
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

  /**
   * What the observer found out about a placeholder, in words, when its value alone does not say which claim broke
   * (e.g. {@code an unsigned delivery got 200}); shown after the explanation of a condition on it that does not pass.
   */
  public Optional<String> reason(String placeholder) {
    return Optional.ofNullable(reasons.get(placeholder));
  }

  /**
   * What {@code derive} makes of a placeholder's text (e.g. the JSON parsed from {@code BODY}), computed at most once
   * per observation and shared by every condition evaluated against it. Thread-safe.
   */
  public Object derived(String placeholder, Function<String, Object> derive) {
    return derived.computeIfAbsent(placeholder, derive);
  }

  /** A copy with one more value (e.g. {@code BASELINE} supplied by a trigger). */
  public Observation with(String placeholder, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(placeholder, value);
    return new Observation(Collections.unmodifiableMap(copy), reasons);
  }

  @Override
  public String toString() {
    return values.toString();
  }

  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();

    /** Says in words what a placeholder's value means (see {@link Observation#reason}); also for absent values. */
    public Builder reason(String placeholder, String reason) {
      if (reason != null) reasons.put(placeholder, reason);
      return this;
    }

    public Builder put(String placeholder, Object value) {
      if (value != null) values.put(placeholder, value);
      return this;
    }

    public Observation build() {
      return new Observation(Collections.unmodifiableMap(new LinkedHashMap<>(values)),
          Map.copyOf(reasons));
    }
  }
}
