package dev.golive.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.golive.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an evidence pack as Markdown for the go/no-go meeting, in parts that {@link PackDigest} digests one by one:
 * the header (verdict), the gates, then one part per item ({@code ### id · text}).
 */
final class MarkdownPack {
  private static final int MAX_VALUE = 200;

  private MarkdownPack() {}

  static List<String> parts(JsonNode pack) {
    List<String> parts = new ArrayList<>();
    parts.add(header(pack));
    parts.add(gates(pack));
    parts.add("## Items\n\n");
    for (JsonNode item : pack.path("items")) parts.add(item(item));
    return parts;
  }

  private static String header(JsonNode pack) {
    StringBuilder b = new StringBuilder();
    b.append("# Evidence pack: ").append(pack.path("plan").asText()).append("\n\n");
    b.append("- Verdict: **").append(pack.path("go").asBoolean() ? "GO" : "NO-GO").append("**\n");
    b.append("- Generated: ").append(pack.path("generatedAt").asText()).append(" from ")
        .append(pack.path("source").asText()).append('\n');
    List<String> counts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = pack.path("counts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().asLong() > 0) counts.add(e.getValue().asLong() + " " + e.getKey());
    }
    b.append("- Items: ").append(pack.path("items").size()).append(counts.isEmpty() ? "" : " (" + String.join(", ",
        counts) + ")").append("\n\n");
    return b.toString();
  }

  private static String gates(JsonNode pack) {
    StringBuilder b = new StringBuilder("## Gates\n\n| gate | required | result | items | blocking |\n"
        + "| --- | --- | --- | --- | --- |\n");
    for (JsonNode g : pack.path("gates")) {
      String name = g.path("name").asText("");
      b.append("| ").append(cell(g.path("id").asText() + (name.isEmpty() || name.equals(g.path("id").asText())
              ? "" : " (" + name + ")")))
          .append(" | ").append(g.path("required").asBoolean() ? "yes" : "no")
          .append(" | ").append(g.path("passed").asBoolean() ? "PASSED" : "FAILED")
          .append(" | ").append(g.path("items").asInt())
          .append(" | ").append(cell(join(g.path("blocking")))).append(" |\n");
    }
    return b.append('\n').toString();
  }

  private static String item(JsonNode i) {
    StringBuilder b = new StringBuilder();
    String id = i.path("id").asText();
    String text = oneLine(i.path("text").asText());
    b.append("### ").append(text.startsWith(id) ? text : id + " · " + text).append("\n\n");
    b.append("- State: **").append(i.path("state").asText()).append("**");
    if (!i.path("since").isNull() && !i.path("since").isMissingNode()) {
      b.append(" since ").append(i.path("since").asText());
    }
    b.append('\n');
    if (!i.path("sections").isEmpty()) b.append("- Section: ").append(join(i.path("sections"), " > ")).append('\n');
    b.append("- Checklist says: ").append(i.path("declared").asText()).append(" (line ").append(i.path("line").asInt())
        .append(")\n");
    JsonNode last = i.path("evidence").path(0);
    if (!last.isMissingNode()) b.append("- Last change: ").append(change(last)).append('\n');
    if (i.path("probes").isEmpty()) b.append("- Probes: none (a person ticks it)\n");
    for (JsonNode r : i.path("latest")) result(b, r);
    if (i.path("evidence").size() > 1) {
      b.append("- History (newest first):\n");
      for (JsonNode t : i.path("evidence")) b.append("  - ").append(change(t)).append('\n');
    }
    return b.append('\n').toString();
  }

  /** "done at T by alice (manual): note", "done at T by probe health". */
  private static String change(JsonNode t) {
    StringBuilder b = new StringBuilder();
    b.append(label(t.path("from").asText())).append(" → ").append(label(t.path("to").asText())).append(" at ")
        .append(t.path("at").asText());
    String cause = t.path("cause").asText();
    String actor = t.path("actor").asText("");
    if (cause.equals("manual")) b.append(" by ").append(oneLine(actor)).append(" (manual)");
    else if (cause.equals("probe")) b.append(" by probe ").append(code(actor));
    else b.append(" (").append(cause).append(actor.isEmpty() ? "" : " " + oneLine(actor)).append(')');
    String note = t.path("note").asText("");
    if (!note.isBlank()) b.append(": ").append(oneLine(note));
    for (JsonNode r : t.path("results")) {
      if (!r.isNull() && !r.path("success").asBoolean()) {
        b.append(" — ").append(code(r.path("probeId").asText())).append(": ").append(oneLine(summary(r)));
        break;
      }
    }
    return b.toString();
  }

  private static void result(StringBuilder b, JsonNode r) {
    b.append("- Evidence: probe ").append(code(r.path("probeId").asText())).append(" (").append(r.path("kind").asText())
        .append(") at ").append(r.path("startedAt").asText()).append(": ")
        .append(r.path("success").asBoolean() ? "passed" : r.path("error").isTextual() ? "error" : "failed")
        .append(" in ").append(duration(r.path("duration").asText())).append('\n');
    if (r.path("error").isTextual()) b.append("  - error: ").append(oneLine(r.path("error").asText())).append('\n');
    for (JsonNode c : r.path("conditions")) {
      b.append("  - ").append(code(c.path("explanation").asText(c.path("condition").asText()))).append(": ")
          .append(c.path("outcome").asText().toLowerCase(Locale.ROOT).replace('_', ' ')).append('\n');
    }
    List<String> observed = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("observed").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      observed.add(code(e.getKey()) + " = " + code(value(e.getValue())));
    }
    if (!observed.isEmpty()) {
      observed.sort(null);
      b.append("  - observed: ").append(String.join("; ", observed)).append('\n');
    }
  }

  private static String summary(JsonNode r) {
    if (r.path("error").isTextual()) return r.path("error").asText();
    for (JsonNode c : r.path("conditions")) {
      if (!c.path("outcome").asText().equals("PASSED")) return c.path("explanation").asText();
    }
    return "ok";
  }

  private static String value(JsonNode v) {
    String s = v.isTextual() ? v.asText() : v.toString();
    s = oneLine(s);
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "..." : s;
  }

  private static String duration(String iso) {
    try {
      return Durations.format(Duration.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  private static String label(String state) {
    return state.toLowerCase(Locale.ROOT);
  }

  private static String join(JsonNode list) {
    return join(list, ", ");
  }

  private static String join(JsonNode list, String sep) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(oneLine(n.asText())));
    return String.join(sep, out);
  }

  private static String code(String s) {
    String t = oneLine(s).replace("`", "'");
    return "`" + t + "`";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
  }
}
