package dev.golive.suggest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link Suggestion} as a commented golive.yaml that {@code golive validate --without-secrets} accepts. */
public final class PlanWriter {
  private static final int TEXT_WIDTH = 100;

  private PlanWriter() {}

  /** The plan text; {@code checklist} is the path written under {@code checklist:} (relative to the plan). */
  public static String write(Suggestion s, String checklist) {
    StringBuilder out = new StringBuilder();
    out.append("# Suggested by `golive suggest` from ").append(checklist).append(": ").append(s.items())
        .append(" items, ").append(s.recognised()).append(" ticked by ").append(s.probes().size())
        .append(" probes, ").append(s.manual().size()).append(" left manual.\n")
        .append("# Fill in the placeholders, check each probe against what the item really means, then run\n")
        .append("#   golive validate --without-secrets <this folder>\n")
        .append("# ${var:NAME:-default} is a setting (base URL, host): export NAME or edit the default.\n")
        .append("# ${env:NAME} is a secret, read from the environment when the probe runs; never written here.\n")
        .append("service: ").append(q(s.service())).append('\n')
        .append("checklist: ").append(q(checklist)).append('\n')
        .append("defaults: { interval: 1m, timeout: 10s, passes-to-tick: 2, failures-to-regress: 2 }\n");
    if (!s.probes().isEmpty()) out.append("\nprobes:\n");
    for (Suggestion.Probe p : s.probes()) probe(out, p);
    if (!s.reviewFirst().isEmpty()) {
      if (s.probes().isEmpty()) out.append("\nprobes:\n");
      out.append("\n  # Review first: these run a command the checklist names. Make sure each is read-only, then\n")
          .append("  # uncomment it and remove its item from manual: below.\n");
      for (Suggestion.Probe p : s.reviewFirst()) {
        StringBuilder block = new StringBuilder();
        probe(block, p);
        block.toString().lines()
            .forEach(l -> out.append(l.startsWith("  #") || l.isEmpty() ? l : "  # " + l.substring(2)).append('\n'));
      }
    }
    if (!s.windows().isEmpty()) {
      out.append("\n# After a deployment, hold these items under watch (from the checklist's \"... after\" phrases).\n")
          .append("windows:\n");
      for (Suggestion.Window w : s.windows()) {
        out.append("  - { name: ").append(q(w.name())).append(", until: ").append(q(w.until()))
            .append(w.hold().isEmpty() ? "" : ", hold: " + flow(w.hold())).append(" }\n");
      }
    }
    if (!s.triggers().isEmpty()) {
      out.append("\n# Rollback triggers from the checklist's own words; they page only where notify: says.\n")
          .append("triggers:\n");
      List<String> windows = s.windows().stream().map(Suggestion.Window::name).toList();
      for (Suggestion.Trigger t : s.triggers()) {
        out.append("  # ").append(clip(t.item())).append('\n')
            .append("  - { id: ").append(q(t.id())).append(", probe: ").append(q(t.probe()))
            .append(", fire-when: ").append(q(t.fireWhen())).append(", for: 3, severity: critical")
            .append(windows.isEmpty() ? "" : ", windows: " + flow(windows)).append(" }\n");
      }
    }
    if (!s.manual().isEmpty()) {
      out.append("\n# Items a person ticks (through the API or the status page), with the reason.\nmanual:\n");
      for (Map.Entry<String, Suggestion.Manual> e : s.manual().entrySet()) {
        out.append("  # ").append(clip(e.getValue().text())).append('\n')
            .append("  ").append(q(e.getKey())).append(": ").append(q(e.getValue().reason())).append('\n');
      }
    }
    return out.toString();
  }

  private static void probe(StringBuilder out, Suggestion.Probe p) {
    ProbeDraft d = p.draft();
    out.append("\n  # ").append(p.category()).append(d.note() == null ? "" : ": " + d.note()).append('\n');
    for (String text : p.texts()) out.append("  #   ").append(clip(text)).append('\n');
    out.append("  - id: ").append(q(p.id())).append('\n');
    if (d.interval() != null) out.append("    interval: ").append(d.interval()).append('\n');
    if (d.timeout() != null) out.append("    timeout: ").append(d.timeout()).append('\n');
    out.append("    ").append(d.kind()).append(":\n");
    map(out, d.spec(), 6);
    if (!d.conditions().isEmpty()) out.append("    conditions: ").append(flow(d.conditions())).append('\n');
    if (!p.ticks().isEmpty()) out.append("    ticks: ").append(flow(p.ticks())).append('\n');
  }

  private static void map(StringBuilder out, Map<?, ?> m, int indent) {
    String pad = " ".repeat(indent);
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object v = e.getValue();
      out.append(pad).append(e.getKey()).append(':');
      if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
        out.append('\n');
        map(out, sub, indent + 2);
      } else if (v instanceof List<?> list && list.stream().anyMatch(x -> x instanceof Map)) {
        out.append('\n');
        for (Object element : list) {
          StringBuilder item = new StringBuilder();
          map(item, (Map<?, ?>) element, indent + 4);
          out.append(pad).append("  - ").append(item.substring(indent + 4));
        }
      } else {
        out.append(' ').append(scalar(v)).append('\n');
      }
    }
  }

  private static String scalar(Object v) {
    if (v instanceof List<?> list) return flow(list);
    if (v instanceof Map<?, ?>) return "{}";
    if (v instanceof Number || v instanceof Boolean) return v.toString();
    return q(String.valueOf(v));
  }

  private static String flow(List<?> values) {
    return values.stream().map(PlanWriter::scalar).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A YAML double-quoted scalar. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static String clip(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() <= TEXT_WIDTH ? t : t.substring(0, TEXT_WIDTH - 3) + "...";
  }
}
