package dev.golive.probe.tcp;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code tcp}: "only the necessary ports are open": ports that must accept and ports that must refuse or drop. */
public final class TcpProbeKind implements ProbeKind<TcpSpec> {
  static final String OPEN = "OPEN";
  static final String CLOSED = "CLOSED";
  static final String UNEXPECTED_OPEN = "UNEXPECTED_OPEN";
  static final String UNEXPECTED_CLOSED = "UNEXPECTED_CLOSED";
  static final String UNEXPECTED_OPEN_COUNT = "UNEXPECTED_OPEN_COUNT";
  static final String UNEXPECTED_CLOSED_COUNT = "UNEXPECTED_CLOSED_COUNT";
  static final String CONNECT_TIME = "CONNECT_TIME";
  static final String PORTS = "PORTS";

  @Override
  public String name() {
    return "tcp";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("OPEN:list CLOSED:list UNEXPECTED_OPEN:list UNEXPECTED_CLOSED:list"
        + " UNEXPECTED_OPEN_COUNT:count UNEXPECTED_CLOSED_COUNT:count CONNECT_TIME:duration PORTS:map");
  }

  @Override
  public TcpSpec parse(ConfigNode block) {
    boolean ok = block.allowOnly("host", "open", "closed", "connect-timeout");
    String host = block.requiredString("host");
    ok &= host != null;
    if (host != null && (host.isBlank() || host.contains("/") || host.contains(" "))) {
      block.get("host").orElseThrow().problem("expected a host name or IP address, got '" + host + "'");
      ok = false;
    }
    Set<Integer> seen = new HashSet<>();
    List<Integer> open = ports(block, "open", seen);
    List<Integer> closed = ports(block, "closed", seen);
    ok &= open != null && closed != null;
    if (ok && open.isEmpty() && closed.isEmpty()) {
      block.problem("give at least one port under open or closed");
      ok = false;
    }
    Duration connectTimeout = block.has("connect-timeout") ? block.duration("connect-timeout", null) : null;
    if (connectTimeout != null && connectTimeout.isZero()) {
      block.get("connect-timeout").orElseThrow().problem("must be longer than 0s");
      ok = false;
    }
    return ok ? new TcpSpec(host.trim(), open, closed, connectTimeout) : null;
  }

  private static List<Integer> ports(ConfigNode block, String key, Set<Integer> seen) {
    List<Integer> out = new ArrayList<>();
    boolean ok = true;
    for (ConfigNode n : block.get(key).map(ConfigNode::elements).orElse(List.of())) {
      String text = n.asString();
      try {
        int port = Integer.parseInt(text == null ? "" : text.trim());
        if (port < 1 || port > 65535) throw new NumberFormatException();
        if (!seen.add(port)) {
          n.problem("port " + port + " is listed twice (a port is either open or closed)");
          ok = false;
        }
        out.add(port);
      } catch (NumberFormatException e) {
        n.problem("expected a port number between 1 and 65535, got '" + text + "'");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  @Override
  public List<String> defaultConditions(TcpSpec spec) {
    return List.of("[UNEXPECTED_OPEN_COUNT] == 0", "[UNEXPECTED_CLOSED_COUNT] == 0");
  }

  @Override
  public Observer observer(TcpSpec spec, ProbeEnvironment env, Duration timeout) {
    return new TcpObserver(spec, env, timeout);
  }
}
