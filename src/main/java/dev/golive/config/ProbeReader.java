package dev.golive.config;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionProblem;
import dev.golive.condition.ConditionSyntaxException;
import dev.golive.condition.Placeholders;
import dev.golive.condition.ValueType;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code probes:} list: one kind block per probe, conditions checked against the kind's placeholders. */
final class ProbeReader {
  private static final Set<String> COMMON_KEYS = Set.of("id", "name", "interval", "timeout", "conditions", "ticks",
      "critical", "unit");
  /** {@code unit:} of a probe's {@code [VALUE]}: what the number means, so conditions are checked and shown in it. */
  private static final Map<String, ValueType> UNITS = Map.of("number", ValueType.NUMBER, "ratio", ValueType.RATIO,
      "percent", ValueType.PERCENT, "seconds", ValueType.DURATION, "bytes", ValueType.SIZE, "count", ValueType.COUNT);

  private ProbeReader() {}

  static List<ProbeConfig> readAll(Optional<ConfigNode> list, Defaults defaults, ReferenceResolver refs) {
    List<ProbeConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode n : list.map(ConfigNode::elements).orElse(List.of())) {
      ProbeConfig p = read(n, defaults, refs);
      if (p == null) continue;
      if (!ids.add(p.id())) n.get("id").orElse(n).problem("probe id '" + p.id() + "' is used twice");
      out.add(p);
    }
    return out;
  }

  private static ProbeConfig read(ConfigNode n, Defaults defaults, ReferenceResolver refs) {
    if (!n.expectMap()) return null;
    List<String> kindKeys = n.keys().stream().filter(k -> ProbeKinds.byName(k).isPresent()).toList();
    Set<String> allowed = new TreeSet<>(COMMON_KEYS);
    allowed.addAll(ProbeKinds.names());
    n.allowOnly(allowed.toArray(String[]::new));
    String id = n.requiredString("id");
    if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      n.get("id").get().problem("must be letters, digits, '.', '_' or '-', got '" + id + "'");
    }
    if (kindKeys.size() != 1) {
      n.problem(kindKeys.isEmpty()
          ? "probe '" + id + "' needs exactly one kind: " + String.join(", ", ProbeKinds.names())
          : "probe '" + id + "' has several kinds " + kindKeys + "; split it into one probe per kind");
      return null;
    }
    ProbeKind<?> kind = ProbeKinds.byName(kindKeys.get(0)).orElseThrow();
    ConfigNode block = n.get(kind.name()).orElseThrow();
    int skippedBefore = block.skippedChecks();
    Object spec = kind.parse(block);
    // validate --without-secrets: a spec rejected only for an unchecked secret value keeps its probe (spec null),
    // so gates and triggers naming it are still checked; such a plan is never run.
    boolean keepWithoutSpec = spec == null && block.skippedChecks() > skippedBefore;
    Duration interval = PlanLoader.positive(n, "interval", kind.defaultInterval(defaults.interval()));
    Duration timeout = PlanLoader.positive(n, "timeout", defaults.timeout());
    if (timeout.compareTo(interval) > 0) {
      n.get("timeout").orElse(n).problem("timeout " + Durations.format(timeout) + " is longer than the interval "
          + Durations.format(interval));
    }
    Placeholders types = unit(n, kind);
    List<Condition> conditions = conditions(n, kind, spec, types, kind.name() + " probe '" + id + "'");
    List<String> ticks = refs.items(n.get("ticks"));
    boolean critical = n.bool("critical", false);
    if ((spec == null && !keepWithoutSpec) || id == null) return null;
    return new ProbeConfig(id, kind, spec, conditions, interval, timeout, ticks, critical, n.location(), types);
  }

  /** The kind's typed placeholders, with {@code [VALUE]} in the probe's {@code unit:} when it sets one. */
  private static Placeholders unit(ConfigNode n, ProbeKind<?> kind) {
    Placeholders types = kind.placeholderTypes();
    if (!n.has("unit")) return types;
    String unit = n.choice("unit", "number", UNITS.keySet().stream().sorted().toArray(String[]::new));
    ValueType value = types.type("VALUE");
    if (value != ValueType.NUMBER && value != ValueType.JSON) {
      n.get("unit").orElseThrow().problem("sets the unit of [VALUE], which " + kind.name() + " probes do not observe");
      return types;
    }
    return unit == null ? types : types.with("VALUE", UNITS.get(unit));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Condition> conditions(ConfigNode n, ProbeKind<?> kind, Object spec, Placeholders types,
      String subject) {
    List<Condition> out = new ArrayList<>();
    Optional<ConfigNode> given = n.get("conditions");
    if (given.isEmpty()) {
      if (spec == null) return out;
      for (Object text : ((ProbeKind) kind).defaultConditions(spec)) {
        try {
          out.add(Condition.parse((String) text).typed(types));
        } catch (ConditionSyntaxException e) {
          throw new IllegalStateException("default condition of " + kind.name() + " does not parse: " + text, e);
        }
      }
      return out;
    }
    for (ConfigNode c : given.get().elements()) {
      parse(c, types, subject).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Parses one condition node, reporting syntax errors at their column, placeholders the source lacks, and literals
   * or comparisons that do not fit the placeholders' types; returns the condition bound to those types.
   */
  static Optional<Condition> parse(ConfigNode c, Placeholders available, String source) {
    String text = c.rawText();
    if (text == null) {
      c.problem("expected a condition such as \"[STATUS] == 200\"");
      return Optional.empty();
    }
    if (text.contains("${")) {
      c.problem("condition \"" + text + "\": ${...} references are not resolved inside conditions (a secret would "
          + "end up in the evidence); write the value itself");
      return Optional.empty();
    }
    try {
      Condition condition = Condition.parse(text);
      Set<String> unknown = new TreeSet<>(condition.placeholders());
      unknown.removeAll(available);
      if (!unknown.isEmpty()) {
        c.problem("placeholder " + unknown.stream().map(u -> "[" + u + "]").toList() + " is not observed by " + source
            + " (available: " + new TreeSet<>(available).stream().map(u -> "[" + u + "]").toList() + ")");
        return Optional.empty();
      }
      boolean typeError = false;
      for (ConditionProblem p : condition.check(available, source)) {
        Location at = column(c, p.column());
        String message = "\"" + text + "\": " + p.message();
        if (p.warning()) {
          c.warning(at, message);
        } else {
          c.problems().add(at, (c.path().isEmpty() ? "" : c.path() + ": ") + message);
          typeError = true;
        }
      }
      return typeError ? Optional.empty() : Optional.of(condition.typed(available));
    } catch (ConditionSyntaxException e) {
      c.problems().add(column(c, e.column()), "condition \"" + text + "\": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The location of 1-based {@code column} of the condition text held by {@code c}. */
  private static Location column(ConfigNode c, int column) {
    Location at = c.location();
    return new Location(at.file(), at.line(), at.column() + column - 1 + quoteOffset(c));
  }

  /** A condition starting with '[' cannot be a plain YAML scalar, so its text starts after an opening quote. */
  private static int quoteOffset(ConfigNode c) {
    return c.rawText().startsWith("[") ? 1 : 0;
  }
}
