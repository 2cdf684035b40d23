package dev.golive.config;

import dev.golive.condition.Condition;
import dev.golive.condition.Placeholders;
import dev.golive.condition.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the post-deploy part of a plan: {@code windows:}, {@code triggers:} and {@code notify:}. */
final class RolloutReader {
  private static final Set<String> NOTIFIERS = Set.of("alertmanager", "pagerduty", "slack", "webhook", "log");

  private static final Map<String, List<String>> NOTIFIER_KEYS = Map.of(
      "alertmanager", List.of("url", "alertname", "resend", "resolve-repeats", "timeout", "name"),
      "pagerduty", List.of("routing-key", "url", "source", "timeout", "name"),
      "slack", List.of("url", "timeout", "name"),
      "webhook", List.of("url", "secret", "timeout", "name"),
      "log", List.of("name"));
  private static final Map<String, List<String>> NOTIFIER_REQUIRED = Map.of(
      "alertmanager", List.of("url"), "pagerduty", List.of("routing-key"), "slack", List.of("url"),
      "webhook", List.of("url", "secret"), "log", List.of());

  private RolloutReader() {}

  /** Per-type keys: known keys only, required ones present, URLs absolute http(s), durations and counts valid. */
  private static void checkNotifier(String type, ConfigNode settings) {
    settings.allowOnly(NOTIFIER_KEYS.get(type).toArray(String[]::new));
    for (String k : NOTIFIER_REQUIRED.get(type)) settings.requiredString(k);
    settings.get("url").ifPresent(u -> {
      String url = u.asString();
      if (url != null && !url.matches("(?i)https?://[^\\s/]+.*")) {
        u.problem("expected an absolute http:// or https:// URL");
      }
    });
    settings.duration("timeout", Duration.ofSeconds(10));
    if (type.equals("alertmanager")) {
      Duration resend = settings.duration("resend", Duration.ofSeconds(60));
      if (resend.compareTo(Duration.ofSeconds(1)) < 0 || resend.compareTo(Duration.ofMinutes(4)) > 0) {
        settings.get("resend").ifPresent(r -> r.problem("must be between 1s and 4m (below Alertmanager's "
            + "resolve_timeout of 5m, or the alert resolves between re-sends)"));
      }
      settings.integer("resolve-repeats", 3, 0, 100);
    }
  }

  static List<WindowConfig> windows(Optional<ConfigNode> list, ReferenceResolver refs, List<ProbeConfig> probes) {
    List<WindowConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode n : list.map(ConfigNode::elements).orElse(List.of())) {
      if (!n.expectMap()) continue;
      n.allowOnly("name", "from", "until", "hold", "hold-severity");
      String holdSeverity = n.choice("hold-severity", "warning", "critical", "warning", "info");
      String name = n.requiredString("name");
      Duration from = n.duration("from", Duration.ZERO);
      Duration until = n.required("until").isPresent() ? n.duration("until", Duration.ofMinutes(30)) : null;
      if (name == null || until == null) continue;
      if (!names.add(name)) n.get("name").get().problem("window '" + name + "' is defined twice");
      if (until.compareTo(from) <= 0) n.get("until").get().problem("must be after 'from' (" + Durations.format(from) + ")");
      List<String> hold = refs.items(n.get("hold"));
      for (String item : hold) {
        if (probes.stream().noneMatch(p -> p.ticks().contains(item))) {
          n.get("hold").get().problem("hold item '" + item + "' is not ticked by any probe, so nothing can show it "
              + "held: add it to a probe's 'ticks'");
        }
      }
      out.add(new WindowConfig(name, from, until, hold, holdSeverity));
    }
    return out;
  }

  static List<TriggerConfig> triggers(Optional<ConfigNode> list, List<ProbeConfig> probes, List<WindowConfig> windows) {
    List<TriggerConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode n : list.map(ConfigNode::elements).orElse(List.of())) {
      if (!n.expectMap()) continue;
      n.allowOnly("id", "probe", "windows", "fire-when", "resolve-when", "for", "severity", "no-data", "dry-run",
          "baseline-floor", "critical-probes", "at-least");
      String id = n.requiredString("id");
      if (id != null && !ids.add(id)) n.get("id").get().problem("trigger '" + id + "' is defined twice");
      if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        n.get("id").get().problem("'" + id + "' is not a valid trigger id (letters, digits, '.', '_', '-')");
      }
      List<String> inWindows = n.strings("windows");
      for (String w : inWindows) {
        if (windows.stream().noneMatch(x -> x.name().equals(w))) n.get("windows").get().problem("no window '" + w + "'");
      }
      int forCount = n.integer("for", 1, 1, 1000);
      String severity = n.choice("severity", "critical", "critical", "warning", "info");
      String noData = n.choice("no-data", "inconclusive", "fail", "ignore", "inconclusive");
      boolean dryRun = n.bool("dry-run", false);
      if (n.has("at-least") || n.has("critical-probes")) {
        composite(n, id, probes, inWindows, forCount, severity, noData, dryRun).ifPresent(out::add);
        continue;
      }
      String probeId = n.requiredString("probe");
      Optional<ProbeConfig> probe = probes.stream().filter(p -> p.id().equals(probeId)).findFirst();
      if (probeId != null && probe.isEmpty()) n.get("probe").get().problem("no probe '" + probeId + "'");
      Placeholders available = baselined(probe.map(ProbeConfig::placeholders)
          .orElse(Placeholders.untyped(Set.of())));
      String source = probe.map(p -> p.kind().name() + " probe '" + p.id() + "'").orElse("the probe");
      Condition fire = n.required("fire-when").flatMap(c -> ProbeReader.parse(c, available, source)).orElse(null);
      Condition resolve = n.get("resolve-when").flatMap(c -> ProbeReader.parse(c, available, source)).orElse(null);
      Double floor = baselineFloor(n);
      boolean usesBaseline = fire != null && fire.placeholders().contains("BASELINE")
          || resolve != null && resolve.placeholders().contains("BASELINE");
      if (floor != null && fire != null && !usesBaseline) {
        n.get("baseline-floor").get().problem("only applies to conditions that use [BASELINE]");
      }
      if (usesBaseline && !available.contains("VALUE") && !available.contains("RESPONSE_TIME")) {
        n.get("fire-when").get().problem("[BASELINE] needs a probe that observes [VALUE] or [RESPONSE_TIME]");
      }
      if (id != null && fire != null && probe.isPresent()) {
        out.add(new TriggerConfig(id, probeId, inWindows, fire, resolve, forCount, severity, noData, dryRun, floor,
            List.of(), 0));
      }
    }
    return out;
  }

  /** The probe's placeholders and {@code [BASELINE]}, typed like the value it averages ([VALUE] or [RESPONSE_TIME]). */
  private static Placeholders baselined(Placeholders probe) {
    ValueType t = probe.type("VALUE") != null ? probe.type("VALUE") : probe.type("RESPONSE_TIME");
    return probe.with("BASELINE", t == null ? ValueType.JSON : t);
  }

  /** {@code { id: critical-down, critical-probes: [a, b, c], at-least: 2 }}; without the list, the critical probes. */
  private static Optional<TriggerConfig> composite(ConfigNode n, String id, List<ProbeConfig> probes,
      List<String> inWindows, int forCount, String severity, String noData, boolean dryRun) {
    for (String k : List.of("probe", "fire-when", "resolve-when", "baseline-floor")) {
      n.get(k).ifPresent(x -> x.problem("a composite trigger (critical-probes, at-least) has no '" + k + "'"));
    }
    List<String> watched = n.has("critical-probes") ? n.strings("critical-probes")
        : probes.stream().filter(ProbeConfig::critical).map(ProbeConfig::id).toList();
    for (String p : watched) {
      if (probes.stream().noneMatch(x -> x.id().equals(p))) n.get("critical-probes").get().problem("no probe '" + p + "'");
    }
    if (watched.isEmpty()) {
      n.problem("a composite trigger needs 'critical-probes: [...]' or probes marked 'critical: true'");
      return Optional.empty();
    }
    int atLeast = n.integer("at-least", Math.min(2, watched.size()), 1, 1000);
    if (atLeast > watched.size()) {
      n.get("at-least").get().problem("must be at most the number of critical probes (" + watched.size() + ")");
    }
    if (id == null) return Optional.empty();
    return Optional.of(new TriggerConfig(id, null, inWindows, null, null, forCount, severity, noData, dryRun, null,
        watched, atLeast));
  }

  /** A number, or a duration (stored in seconds) for [RESPONSE_TIME] baselines. */
  private static Double baselineFloor(ConfigNode n) {
    Optional<ConfigNode> f = n.get("baseline-floor");
    if (f.isEmpty()) return null;
    String text = f.get().asString();
    if (text == null) return null;
    try {
      double v = Double.parseDouble(text.trim());
      if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      try {
        return Durations.parse(text).toNanos() / 1e9;
      } catch (IllegalArgumentException e2) {
        f.get().problem("expected a non-negative number or a duration such as 200ms, got '" + text + "'");
        return null;
      }
    }
  }

  /** {@code deployments: { detect: { probe: health, version: "[BODY].version" } }}, or null. */
  static DeploymentDetection detection(Optional<ConfigNode> node, List<ProbeConfig> probes) {
    if (node.isEmpty() || !node.get().expectMap()) return null;
    ConfigNode d = node.get();
    d.allowOnly("detect");
    Optional<ConfigNode> detect = d.required("detect");
    if (detect.isEmpty() || !detect.get().expectMap()) return null;
    ConfigNode n = detect.get();
    n.allowOnly("probe", "version");
    String probeId = n.requiredString("probe");
    String version = n.requiredString("version");
    Optional<ProbeConfig> probe = probes.stream().filter(p -> p.id().equals(probeId)).findFirst();
    if (probeId != null && probe.isEmpty()) n.get("probe").get().problem("no probe '" + probeId + "'");
    if (version == null) return null;
    java.util.regex.Matcher m = DeploymentDetection.PATH.matcher(version.trim());
    if (!m.matches()) {
      n.get("version").get().problem("expected a placeholder with an optional key path, e.g. \"[BODY].version\" or "
          + "\"[LABELS].version\", got '" + version + "'");
      return null;
    }
    if (probe.isPresent() && !probe.get().kind().placeholders().contains(m.group(1))) {
      n.get("version").get().problem("[" + m.group(1) + "] is not observed by " + probe.get().kind().name()
          + " probe '" + probeId + "' (available: " + new java.util.TreeSet<>(probe.get().kind().placeholders()) + ")");
      return null;
    }
    return probe.isPresent() ? new DeploymentDetection(probeId, version.trim()) : null;
  }

  static List<NotifierConfig> notifiers(Optional<ConfigNode> list) {
    List<NotifierConfig> out = new ArrayList<>();
    for (ConfigNode n : list.map(ConfigNode::elements).orElse(List.of())) {
      if (!n.expectMap()) continue;
      if (n.keys().size() != 1 || !NOTIFIERS.contains(n.keys().iterator().next())) {
        n.problem("each notifier is one of " + String.join(", ", new java.util.TreeSet<>(NOTIFIERS))
            + " with its settings, e.g. '- alertmanager: { url: http://127.0.0.1:9093 }'");
        continue;
      }
      String type = n.keys().iterator().next();
      ConfigNode settings = n.get(type).orElse(null);
      Map<String, String> values = new LinkedHashMap<>();
      if ((settings == null || settings.isNull()) && !NOTIFIER_REQUIRED.get(type).isEmpty()) {
        (settings == null ? n : settings).problem(type + " needs " + String.join(" and ", NOTIFIER_REQUIRED.get(type)));
      } else if (settings != null && !settings.isNull() && settings.expectMap()) {
        checkNotifier(type, settings);
        for (String k : settings.keys()) values.put(k, settings.string(k, ""));
      }
      out.add(new NotifierConfig(type, values));
    }
    return out;
  }

}
