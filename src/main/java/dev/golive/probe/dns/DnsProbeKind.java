package dev.golive.probe.dns;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.dns.DnsSpec.Match;
import dev.golive.probe.dns.DnsSpec.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code dns}: a name resolves to the expected records (A, AAAA, CNAME, TXT, MX, NS), optionally via one resolver. */
public final class DnsProbeKind implements ProbeKind<DnsSpec> {
  static final String RECORDS = "RECORDS";
  static final String RECORD_COUNT = "RECORD_COUNT";
  static final String MATCHES = "MATCHES";
  static final String RESOLVE_TIME = "RESOLVE_TIME";
  static final String RCODE = "RCODE";

  private static final Pattern RESOLVER = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d+))?|([^:\\s]+)(?::(\\d+))?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_*]([A-Za-z0-9_-]*[A-Za-z0-9_])?"
      + "(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

  @Override
  public String name() {
    return "dns";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("RECORDS:list RECORD_COUNT:count MATCHES:bool RESOLVE_TIME:duration RCODE:text");
  }

  @Override
  public DnsSpec parse(ConfigNode block) {
    boolean ok = block.allowOnly("name", "type", "expect", "match", "resolver");
    String name = block.requiredString("name");
    if (name != null && !NAME.matcher(name.trim()).matches()) {
      block.get("name").orElseThrow().problem("expected a DNS name such as api.example.com, got '" + name + "'");
      name = null;
    }
    String[] types = Arrays.stream(RecordType.values()).map(Enum::name).toArray(String[]::new);
    RecordType type = RecordType.valueOf(block.choice("type", "A", types).toUpperCase(Locale.ROOT));
    Match match = Match.valueOf(block.choice("match", "exact", "exact", "contains").toUpperCase(Locale.ROOT));
    List<String> expect = new ArrayList<>();
    for (ConfigNode e : block.get("expect").map(ConfigNode::elements).orElse(List.of())) {
      String text = e.asString();
      if (text == null) continue;
      try {
        expect.add(Records.normalize(type, text));
      } catch (IllegalArgumentException ex) {
        e.problem(ex.getMessage() + " (type " + type + ")");
        ok = false;
      }
    }
    String host = null;
    int port = 53;
    if (block.has("resolver")) {
      ConfigNode r = block.get("resolver").orElseThrow();
      String text = r.asString();
      Matcher m = RESOLVER.matcher(text == null ? "" : text.trim());
      if (m.matches()) {
        host = m.group(1) != null ? m.group(1) : m.group(3);
        String p = m.group(1) != null ? m.group(2) : m.group(4);
        port = p == null ? 53 : Integer.parseInt(p);
      }
      if (host == null || port < 1 || port > 65535) {
        r.problem("expected HOST or HOST:PORT such as 127.0.0.1:53 or [::1]:53, got '" + text + "'");
        ok = false;
      }
    }
    return ok && name != null ? new DnsSpec(name.trim(), type, expect, match, host, port) : null;
  }

  @Override
  public List<String> defaultConditions(DnsSpec spec) {
    return spec.expect().isEmpty() ? List.of("[RECORD_COUNT] > 0") : List.of("[MATCHES] == true");
  }

  @Override
  public Observer observer(DnsSpec spec, ProbeEnvironment env, Duration timeout) {
    return new DnsObserver(spec, env, timeout);
  }
}
