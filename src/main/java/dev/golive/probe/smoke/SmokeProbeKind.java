package dev.golive.probe.smoke;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.config.Secrets;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.request.BaseUrl;
import dev.golive.probe.request.JsonPath;
import dev.golive.probe.request.RequestLine;
import dev.golive.probe.request.StatusSet;
import dev.golive.probe.smoke.SmokeSpec.Extract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code smoke}: an ordered user journey (login → token → protected call → cleanup). A failing step stops the chain;
 * {@code always: true} steps still run. Extracted values are secrets.
 */
public final class SmokeProbeKind implements ProbeKind<SmokeSpec> {
  static final String STEPS_PASSED = "STEPS_PASSED";
  static final String STEPS_FAILED = "STEPS_FAILED";
  static final String STEPS_SKIPPED = "STEPS_SKIPPED";
  static final String FAILED_STEP = "FAILED_STEP";
  static final String STEPS = "STEPS";
  static final String RESPONSE_TIME = "RESPONSE_TIME";

  /** A reference to an extracted value; {@code ${env:X}} and {@code ${file:P}} are resolved at load time instead. */
  static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_-]*)}");
  private static final Pattern EXTRACT = Pattern.compile("\\[(BODY|HEADER|STATUS)](?:\\.(.+))?");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  @Override
  public String name() {
    return "smoke";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("STEPS_PASSED:count STEPS_FAILED:count STEPS_SKIPPED:count FAILED_STEP:text STEPS:map"
        + " RESPONSE_TIME:duration");
  }

  @Override
  public SmokeSpec parse(ConfigNode block) {
    boolean ok = block.allowOnly(TlsSettings.withKeys("url", "steps"));
    BaseUrl url = BaseUrl.read(block, "url");
    ok &= url != null;
    List<SmokeSpec.Step> steps = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> extracted = new TreeSet<>();
    List<ConfigNode> nodes = block.required("steps").map(ConfigNode::elements).orElse(List.of());
    for (int i = 0; i < nodes.size(); i++) {
      SmokeSpec.Step step = step(nodes.get(i), i, names, extracted);
      ok &= step != null;
      if (step != null) steps.add(step);
    }
    if (ok && steps.isEmpty()) {
      block.problem("give at least one step");
      ok = false;
    }
    TlsSettings tls = TlsSettings.read(block);
    return ok ? new SmokeSpec(url, steps, tls) : null;
  }

  private static SmokeSpec.Step step(ConfigNode n, int index, Set<String> names, Set<String> extracted) {
    if (!n.expectMap()) return null;
    boolean ok = n.allowOnly("name", "request", "headers", "json", "body", "expect", "extract", "always");
    String name = n.string("name", "step-" + (index + 1));
    if (name != null && !names.add(name)) {
      n.get("name").orElse(n).problem("step name '" + name + "' is used twice");
      ok = false;
    }
    RequestLine request = RequestLine.read(n, "request");
    Map<String, String> headers = n.stringMap("headers");
    String body = n.string("body", null);
    Object json = n.get("json").map(SmokeProbeKind::json).orElse(null);
    if (json != null && body != null) {
      n.problem("give either json or body, not both");
      ok = false;
    }
    StatusSet expect = n.get("expect").map(StatusSet::read).orElse(StatusSet.SUCCESS);
    ok &= request != null && expect != null && name != null;
    // every ${var} must come from an earlier step's extract
    List<String> texts = new ArrayList<>(headers.values());
    if (request != null) texts.add(request.target());
    if (body != null) texts.add(body);
    if (json != null) texts.add(json.toString());
    for (String t : texts) {
      Matcher m = VARIABLE.matcher(t);
      while (m.find()) {
        if (!extracted.contains(m.group(1))) {
          n.problem("${" + m.group(1) + "} is not extracted by an earlier step"
              + (extracted.isEmpty() ? "" : " (available: " + String.join(", ", extracted) + ")"));
          ok = false;
        }
      }
    }
    Map<String, Extract> extract = new LinkedHashMap<>();
    Map<String, String> raw = n.stringMap("extract");
    for (Map.Entry<String, String> e : raw.entrySet()) {
      ConfigNode at = n.get("extract").flatMap(x -> x.get(e.getKey())).orElse(n);
      if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
        at.problem("variable name must be letters, digits, '_' or '-', got '" + e.getKey() + "'");
        ok = false;
        continue;
      }
      Extract x = extract(at, e.getValue());
      if (x == null) {
        ok = false;
        continue;
      }
      extract.put(e.getKey(), x);
      extracted.add(e.getKey());
    }
    boolean always = n.bool("always", false);
    return ok ? new SmokeSpec.Step(name, request, headers, json, body, expect, extract, always) : null;
  }

  private static Extract extract(ConfigNode at, String text) {
    Matcher m = EXTRACT.matcher(text == null ? "" : text.trim());
    if (!m.matches() || (m.group(1).equals("HEADER") && m.group(2) == null)
        || (m.group(1).equals("STATUS") && m.group(2) != null)) {
      at.problem("expected [BODY], [BODY].path.to.value, [HEADER].Name or [STATUS], got '" + text + "'");
      return null;
    }
    Extract.Source source = Extract.Source.valueOf(m.group(1));
    try {
      return switch (source) {
        case BODY -> new Extract(text.trim(), source, JsonPath.parse(m.group(2)), null);
        case HEADER -> new Extract(text.trim(), source, null, m.group(2));
        case STATUS -> new Extract(text.trim(), source, null, null);
      };
    } catch (IllegalArgumentException e) {
      at.problem(e.getMessage());
      return null;
    }
  }

  /**
   * A YAML value as JSON: mappings and lists keep their shape; plain scalars that read as numbers, booleans or null
   * become those, anything holding a secret or variable stays a string (write {@code body:} for exact JSON text).
   */
  static Object json(ConfigNode n) {
    if (n.isMap()) {
      JsonObject o = new JsonObject();
      for (String k : n.keys()) o.put(k, n.get(k).map(SmokeProbeKind::json).orElse(null));
      return o;
    }
    if (n.isList()) {
      JsonArray a = new JsonArray();
      for (ConfigNode e : n.elements()) a.add(json(e));
      return a;
    }
    String raw = n.rawText();
    String value = n.asString();
    if (raw == null || value == null || Secrets.hasReference(raw)) return value;
    if (raw.equals("true") || raw.equals("false")) return Boolean.valueOf(raw);
    if (raw.equals("null") || raw.equals("~")) return null;
    if (NUMBER.matcher(raw).matches()) {
      try {
        return raw.contains(".") || raw.contains("e") || raw.contains("E") ? Double.valueOf(raw) : Long.valueOf(raw);
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  @Override
  public List<String> defaultConditions(SmokeSpec spec) {
    return List.of("[STEPS_FAILED] == 0");
  }

  @Override
  public Observer observer(SmokeSpec spec, ProbeEnvironment env, Duration timeout) {
    return new SmokeObserver(spec, env, timeout);
  }
}
