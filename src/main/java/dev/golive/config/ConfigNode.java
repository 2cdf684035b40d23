package dev.golive.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML node that remembers where it stands in the user's file, so every problem is reported as
 * {@code file:line:col: message} with the full key path. Typed readers report problems to the shared
 * {@link ConfigProblems} and return a fallback, so one load lists every mistake. Not thread-safe; used during loading only.
 */
public final class ConfigNode {
  /** Deepest nesting of mappings and lists read; deeper values are one problem, not a stack overflow. */
  public static final int MAX_DEPTH = 32;
  /** Longest scalar (characters) read; a longer one is a problem. */
  public static final int MAX_SCALAR_CHARS = 64 * 1024;
  /** Longest duration accepted by {@link #duration(String, Duration)}. */
  public static final Duration MAX_DURATION = Duration.ofDays(365);
  private static final String STANDARD_TAG = "tag:yaml.org,2002:";
  private static final Pattern UNTERMINATED_REF =
      Pattern.compile("\\$\\{(env|file|var):[^}]*$");
  /** Jackson's own nesting limit is raised: {@link #MAX_DEPTH} is enforced while reading, with a location. */
  private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions())
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build()).build();

  private final String path;
  private final Location location;
  private final Map<String, ConfigNode> map;
  private final List<ConfigNode> list;
  private final String scalar;
  private final Context context;
  private Location keyLocation;
  /** Set when {@link #asString()} left a secret reference unresolved (lenient secrets): value checks are skipped. */
  private boolean unresolvedSecret;
  /** Its reference could not be resolved (reported): later problems about the value would be about the reference. */
  private boolean unresolvable;

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

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(PlanLoader.MAX_PLAN_BYTES);
    o.setNestingDepthLimit(MAX_DEPTH * 2);
    o.setMaxAliasesForCollections(0);
    return o;
  }

  /**
   * Parses YAML text: one document of plain YAML. A syntax error, a second document, an alias, a tag other than the
   * standard {@code !!} ones, a scalar longer than {@link #MAX_SCALAR_CHARS} or nesting deeper than {@link #MAX_DEPTH}
   * is reported to {@code problems}; a syntax error yields an empty root.
   */
  public static ConfigNode parse(String file, String text, ConfigProblems problems, Secrets secrets) {
    Context context = new Context(problems, secrets, new java.util.concurrent.atomic.AtomicInteger());
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) return emptyMap(file, context);
      ConfigNode root = read(p, file, "", context, 0);
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        problems.add(new Location(file, at.getLineNr(), at.getColumnNr()),
            "a second YAML document ('---') is not read: keep the whole plan in one document");
      }
      return root;
    } catch (TooDeep e) {
      return emptyMap(file, context);
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

  /** Stops reading a file nested deeper than {@link #MAX_DEPTH}; the problem is already reported. */
  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super(null, null, false, false);
    }
  }

  private static ConfigNode emptyMap(String file, Context context) {
    return new ConfigNode("", new Location(file, 1, 1), Map.of(), null, null, context);
  }

  private static ConfigNode read(JsonParser p, String file, String path, Context context, int depth)
      throws IOException {
    JsonLocation at = p.currentTokenLocation();
    Location loc = new Location(file, at.getLineNr(), at.getColumnNr());
    JsonToken t = p.currentToken();
    String where = path.isEmpty() ? "" : path + ": ";
    if (p instanceof YAMLParser y) {
      String tag = y.getTypeId();
      if (tag != null && !tag.startsWith(STANDARD_TAG)) {
        context.problems().add(loc, where + "unknown YAML tag '!" + tag + "' (golive reads plain YAML: remove the tag)");
      }
      if (y.isCurrentAlias()) {
        context.problems().add(loc, where + "YAML alias '*" + p.getText() + "' is not supported: write the value out");
        return new ConfigNode(path, loc, null, null, null, context);
      }
    }
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
      context.problems().add(loc, where + "nested deeper than " + MAX_DEPTH + " levels; the rest of the file is not"
          + " read");
      throw new TooDeep();
    }
    if (t == JsonToken.START_OBJECT) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation keyAt = p.currentTokenLocation();
        p.nextToken();
        ConfigNode value = read(p, file, path.isEmpty() ? key : path + "." + key, context, depth + 1);
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
        items.add(read(p, file, path + "[" + items.size() + "]", context, depth + 1));
      }
      return new ConfigNode(path, loc, null, List.copyOf(items), null, context);
    }
    String text = t == JsonToken.VALUE_NULL ? null : p.getText();
    if (text != null && text.length() > MAX_SCALAR_CHARS) {
      context.problems().add(loc, where + "value of " + text.length() + " characters; at most " + MAX_SCALAR_CHARS
          + " are read");
      text = null;
    }
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
    if (unresolvable) return;
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
        context.problems().add(n.keyLocation == null ? n.location : n.keyLocation, "unknown key '" + Text.abbreviate(e.getKey(), 80) + "' in " + where + suggestion(e.getKey(), known)
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
    Matcher open = UNTERMINATED_REF.matcher(scalar);
    if (open.find()) {
      keyProblem("unterminated reference '" + Text.abbreviate(open.group(), 40) + "' (expected ${" + open.group(1) + ":NAME})");
      return scalar;
    }
    try {
      String value = context.secrets().resolve(scalar);
      if (context.secrets().leavesUnresolved(scalar)) unresolvedSecret = true;
      return value;
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      unresolvable = true;
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

  /** A duration of at most {@link #MAX_DURATION}; longer ones are a problem. */
  public Duration duration(String key, Duration fallback) {
    return duration(key, fallback, MAX_DURATION);
  }

  /** A duration of at most {@code max}; longer ones are a problem. */
  public Duration duration(String key, Duration fallback, Duration max) {
    Optional<ConfigNode> n = get(key);
    if (n.isEmpty()) return fallback;
    String text = n.get().asString();
    try {
      Duration d = Durations.parse(text);
      if (d.compareTo(max) > 0) {
        n.get().problem("'" + Text.abbreviate(text, 40) + "' is longer than " + Durations.format(max)
            + ", the longest golive accepts here");
        return fallback;
      }
      return d;
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
