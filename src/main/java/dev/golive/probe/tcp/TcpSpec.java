package dev.golive.probe.tcp;

import java.time.Duration;
import java.util.List;

/**
 * The validated {@code tcp:} block: ports of {@code host} that must accept connections and ports that must not.
 * {@code connectTimeout} null means "derive from the probe's timeout".
 */
public record TcpSpec(String host, List<Integer> open, List<Integer> closed, Duration connectTimeout) {
  public TcpSpec {
    open = List.copyOf(open);
    closed = List.copyOf(closed);
  }
}
