package dev.golive.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML node that remembers where it stands in the user's file, so every problem is reported as
 * {@code file:line:col: message} with the full key path. Typed readers report problems to the shared
 * {@link ConfigProblems} and return a fallback, so one load lists every mistake. Not thread-safe; used during loading only.
 */
public final class ConfigNode {
  private static final YAMLFactory YAML = new YAMLFactory();

  private final String path;
  private final Location location;
  private final Map<String, ConfigNode> map;
  private final List<ConfigNode> list;
  private final String scalar;
  private final Context context;
  private Location keyLocation;
  /** Set when {@link #asString()} left a secret reference unresolved (lenient secrets): value checks are skipped. */
  private boolean unresolvedSecret;

  /** Shared by all nodes of one file; {@code skipped} counts the problems dropped for unchecked secret values. */
  record Context(ConfigProblems problems, Secrets secrets, java.util.concurrent.atomic.AtomicInteger skipped) {}

  private ConfigNode(String path, Location location, Map<String, ConfigNode> map, List<ConfigNode> list,
      String scalar, Context context) {
    this.path = path;
    this.location = location;
    this.map = map;
    this.list = list;
    this.scalar = scalar;
    this.context = context;
  }

  /** Parses YAML text; a syntax error is reported to {@code problems} and yields an empty root. */
  public static ConfigNode parse(String file, String text, ConfigProblems problems, Secrets secrets) {
    Context context = new Context(problems, secrets, new java.util.concurrent.atomic.AtomicInteger());
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) return emptyMap(file, context);
      return read(p, file, "", context);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      problems.add(l == null ? Location.of(file) : new Location(file, l.getLineNr(), l.getColumnNr()),
          "YAML syntax: " + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
      return emptyMap(file, context);
    } catch (IOException e) {
      problems.add(Location.of(file), "cannot read: " + e.getMessage());
      return emptyMap(file, context);
    }
  }

  private static ConfigNode emptyMap(String file, Context context) {
    return new ConfigNode("", new Location(file, 1, 1), Map.of(), null, null, context);
  }

  private static ConfigNode read(JsonParser p, String file, String path, Context context) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    Location loc = new Location(file, at.getLineNr(), at.getColumnNr());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation keyAt = p.currentTokenLocation();
        p.nextToken();
        ConfigNode value = read(p, file, path.isEmpty() ? key : path + "." + key, context);
        value.keyLocation = new Location(file, keyAt.getLineNr(), keyAt.getColumnNr());
        if (entries.containsKey(key)) {
          context.problems().add(new Location(file, keyAt.getLineNr(), keyAt.getColumnNr()),
              "duplicate key '" + value.path + "'");
        }
        entries.put(key, value);
      }
      return new ConfigNode(path, loc, Collections.unmodifiableMap(entries), null, null, context);
    }
    if (t == JsonToken.START_ARRAY) {
      List<ConfigNode> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p, file, path + "[" + items.size() + "]", context));
      }
      return new ConfigNode(path, loc, null, List.copyOf(items), null, context);
    }
    String text = t == JsonToken.VALUE_NULL ? null : p.getText();
    return new ConfigNode(path, loc, null, null, text, context);
  }

  public String path() {
    return path;
  }

  public Location location() {
    return location;
  }

  public boolean isMap() {
    return map != null;
  }

  public boolean isList() {
    return list != null;
  }

  public boolean isNull() {
    return map == null && list == null && scalar == null;
  }

  public ConfigProblems problems() {
    return context.problems();
  }

  public Secrets secrets() {
    return context.secrets();
  }

  /**
   * Reports a problem at this node, prefixed with its key path. When this value holds a secret reference left
   * unresolved ({@link Secrets#withoutSecrets()}), the problem is about a value nobody has seen, so it is dropped:
   * use {@link #keyProblem(String)} for problems that do not depend on the value.
   */
  public void problem(String message) {
    if (unresolvedSecret) {
      context.skipped().incrementAndGet();
      return;
    }
    keyProblem(message);
  }

  /** Reports a warning at {@code location} (within this node), prefixed with its key path. */
  public void warning(Location at, String message) {
    if (!unresolvedSecret) context.problems().warn(at, (path.isEmpty() ? "" : path + ": ") + message);
  }

  /** How many value problems of this file were dropped so far because the value was an unchecked secret. */
  public int skippedChecks() {
    return context.skipped().get();
  }

  /** Reports a problem about this key itself (its presence, not its value), even when its value is an unchecked secret. */
  public void keyProblem(String message) {
    context.problems().add(location, (path.isEmpty() ? "" : path + ": ") + message);
  }

  /** The keys of a map node, in file order; empty for other nodes. */
  public Set<String> keys() {
    return map == null ? Set.of() : map.keySet();
  }

  public Optional<ConfigNode> get(String key) {
    return map == null ? Optional.empty() : Optional.ofNullable(map.get(key)).filter(n -> !n.isNull());
  }

  public boolean has(String key) {
    return get(key).isPresent();
  }

  /** The elements of a list node; a scalar counts as a list of itself; null as empty. */
  public List<ConfigNode> elements() {
    if (list != null) return list;
    if (isNull()) return List.of();
    return List.of(this);
  }

  /** The raw scalar text (no secret resolution), or null for maps, lists and null. */
  public String rawText() {
    return scalar;
  }

  /** Requires a map node whose keys are all among {@code allowed}; reports each unknown key with the known ones. */
  public boolean allowOnly(String... allowed) {
    if (!expectMap()) return false;
    Set<String> known = new TreeSet<>(Arrays.asList(allowed));
    boolean ok = true;
    for (Map.Entry<String, ConfigNode> e : map.entrySet()) {
      if (!known.contains(e.getKey())) {
        ConfigNode n = e.getValue();
        String where = path.isEmpty() ? "top level" : "'" + path + "'";
        context.problems().add(n.keyLocation == null ? n.location : n.keyLocation, "unknown key '" + e.getKey() + "' in " + where + suggestion(e.getKey(), known)
            + " (known keys: " + String.join(", ", known) + ")");
        ok = false;
      }
    }
    return ok;
  }

  private static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = Text.editDistance(key.toLowerCase(), k.toLowerCase());
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : ", did you mean '" + best + "'?";
  }

  public boolean expectMap() {
    if (map != null) return true;
    problem("expected a mapping of keys to values");
    return false;
  }

  /** A required child; reported as missing at this node when absent. */
  public Optional<ConfigNode> required(String key) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty()) {
      context.problems().add(location, "missing required key '" + (path.isEmpty() ? key : path + "." + key) + "'");
    }
    return n;
  }

  /** This scalar's text with secrets resolved; reports maps and lists. */
  public String asString() {
    if (scalar == null) {
      if (!isNull()) problem("expected a single value, not a " + (isMap() ? "mapping" : "list"));
      return null;
    }
    try {
      String value = context.secrets().resolve(scalar);
      if (context.secrets().leavesUnresolved(scalar)) unresolvedSecret = true;
      return value;
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      // keep the reference as written, so one unset variable is one problem, not a missing probe and its gates
      return scalar;
    }
  }

  public String string(String key, String fallback) {
    return get(key).map(ConfigNode::asString).orElse(fallback);
  }

  public String requiredString(String key) {
    return required(key).map(ConfigNode::asString).orElse(null);
  }

  public Duration duration(String key, Duration fallback) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty()) return fallback;
    try {
      return Durations.parse(n.get().asString());
    } catch (IllegalArgumentException e) {
      n.get().problem(e.getMessage());
      return fallback;
    }
  }

  public int integer(String key, int fallback, int min, int max) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty()) return fallback;
    String text = n.get().asString();
    try {
      int v = Integer.parseInt(text == null ? "" : text.trim());
      if (v < min || v > max) {
        n.get().problem("must be between " + min + " and " + max + ", got " + v);
        return fallback;
      }
      return v;
    } catch (NumberFormatException e) {
      n.get().problem("expected a whole number, got '" + text + "'");
      return fallback;
    }
  }

  public boolean bool(String key, boolean fallback) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty()) return fallback;
    String text = n.get().asString();
    if ("true".equalsIgnoreCase(text)) return true;
    if ("false".equalsIgnoreCase(text)) return false;
    n.get().problem("expected true or false, got '" + text + "'");
    return fallback;
  }

  /** A list of strings; a single scalar is accepted as a list of one. */
  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (ConfigNode n : get(key).map(ConfigNode::elements).orElse(List.of())) {
      String s = n.asString();
      if (s != null) out.add(s);
    }
    return List.copyOf(out);
  }

  /** A mapping of string to string (headers, labels, environment). */
  public Map<String, String> stringMap(String key) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty() || !n.get().expectMap()) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : n.get().keys()) {
      String v = n.get().get(k).map(ConfigNode::asString).orElse("");
      out.put(k, v == null ? "" : v);
    }
    return Collections.unmodifiableMap(out);
  }

  /** One of the given words, case-insensitive; reports the choices otherwise. */
  public String choice(String key, String fallback, String... choices) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty()) return fallback;
    String text = n.get().asString();
    for (String c : choices) {
      if (c.equalsIgnoreCase(text)) return c;
    }
    n.get().problem("expected one of " + String.join(", ", choices) + ", got '" + text + "'");
    return fallback;
  }

  @Override
  public String toString() {
    return location + " " + (path.isEmpty() ? "<root>" : path);
  }
}
