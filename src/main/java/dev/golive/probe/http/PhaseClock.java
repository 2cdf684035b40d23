package dev.golive.probe.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one HTTP run spends its time, phase by phase, as blackbox_exporter's {@code probe_http_duration_seconds}
 * does: resolve, connect (TCP), tls (the TLS handshake; 0 for http), first byte (request sent until the response head),
 * transfer (the body). Time is summed over redirect hops; a hop on a reused connection spends none in connect and tls.
 * Used from one event-loop thread.
 */
final class PhaseClock {
  enum Phase {
    RESOLVE("resolve", "resolving the host name"),
    CONNECT("connect", "connecting"),
    TLS("tls", "in the TLS handshake"),
    FIRST_BYTE("first_byte", "waiting for the first byte"),
    TRANSFER("transfer", "reading the body");

    final String key;
    final String doing;

    Phase(String key, String doing) {
      this.key = key;
      this.doing = doing;
    }
  }

  private final long[] nanos = new long[Phase.values().length];
  private final long start = System.nanoTime();
  private Phase current;
  private long since;

  void enter(Phase phase) {
    long now = System.nanoTime();
    if (current != null) nanos[current.ordinal()] += now - since;
    current = phase;
    since = now;
  }

  /** The phase the run is in, or was in when it ended. */
  Phase current() {
    return current;
  }

  void stop() {
    enter(current);
  }

  long elapsedNanos() {
    return System.nanoTime() - start;
  }

  /** What the run was doing, for a timeout message: {@code waiting for the first byte}. */
  String doing() {
    return current == null ? "starting" : current.doing;
  }

  /** Seconds per phase, rounded to the microsecond: resolve, connect, tls, first_byte, transfer. */
  Map<String, Double> seconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Phase p : Phase.values()) out.put(p.key, Math.round(nanos[p.ordinal()] / 1e3) / 1e6);
    return out;
  }
}
