package dev.golive.condition;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The placeholders a probe kind observes, each with its {@link ValueType}, declared in one line:
 * {@code Placeholders.of("STATUS:status BODY:json RESPONSE_TIME:duration")}. A set of the names (so it stands wherever
 * the names alone are wanted) that also answers {@link #type}. Immutable.
 */
public final class Placeholders extends AbstractSet<String> {
  private final Map<String, ValueType> types;

  private Placeholders(Map<String, ValueType> types) {
    this.types = Collections.unmodifiableMap(types);
  }

  /**
   * Parses {@code NAME:type} pairs separated by spaces. Throws IllegalArgumentException on a malformed pair, an unknown
   * type or a name given twice: a kind's declaration that does not read fails every test of that kind.
   */
  public static Placeholders of(String declaration) {
    Map<String, ValueType> out = new LinkedHashMap<>();
    for (String pair : declaration.trim().split("\\s+")) {
      int colon = pair.indexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("expected NAME:type, got '" + pair + "'");
      String name = pair.substring(0, colon);
      if (out.put(name, ValueType.of(pair.substring(colon + 1))) != null) {
        throw new IllegalArgumentException("placeholder " + name + " is declared twice");
      }
    }
    return new Placeholders(out);
  }

  /** Names without declared types (a kind that still returns a plain set): each is {@link ValueType#JSON}. */
  public static Placeholders untyped(Set<String> names) {
    if (names instanceof Placeholders p) return p;
    Map<String, ValueType> out = new LinkedHashMap<>();
    for (String n : names) out.put(n, ValueType.JSON);
    return new Placeholders(out);
  }

  /** A copy with one more placeholder (e.g. {@code BASELINE} for a trigger). */
  public Placeholders with(String name, ValueType type) {
    Map<String, ValueType> out = new LinkedHashMap<>(types);
    out.put(name, type);
    return new Placeholders(out);
  }

  /** The declared type, or null when {@code name} is not one of these placeholders. */
  public ValueType type(String name) {
    return types.get(name);
  }

  public Map<String, ValueType> types() {
    return types;
  }

  @Override
  public boolean contains(Object o) {
    return types.containsKey(o);
  }

  @Override
  public Iterator<String> iterator() {
    return types.keySet().iterator();
  }

  @Override
  public int size() {
    return types.size();
  }
}
