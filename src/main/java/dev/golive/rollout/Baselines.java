package dev.golive.rollout;

import dev.golive.config.Durations;
import dev.golive.config.TriggerConfig;
import dev.golive.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last numeric values of the probes that baseline triggers watch ({@code [VALUE]}, or {@code [RESPONSE_TIME]} in
 * seconds), a small ring per probe and placeholder, so a deployment can record the pre-deploy baseline. Results of
 * other probes cost nothing. In memory only: the baseline itself is stored with the deployment. Not thread-safe: used
 * from the plan's context.
 */
public final class Baselines {
  /** How many values per probe the baseline averages. */
  public static final int RING = 10;

  private record Point(Instant at, double value) {}

  /** The placeholder each watched probe's baseline is taken of (a probe may have both). */
  private final Map<String, List<String>> watched;
  private final Map<String, Deque<Point>> rings = new HashMap<>();

  private Baselines(Map<String, List<String>> watched) {
    this.watched = watched;
  }

  /** Baselines for the triggers that compare against {@code [BASELINE]}. */
  public static Baselines forTriggers(List<TriggerConfig> triggers) {
    Map<String, Set<String>> wanted = new HashMap<>();
    for (TriggerConfig t : triggers) {
      if (t.usesBaseline() && !t.composite()) wanted.computeIfAbsent(t.probeId(), k -> new HashSet<>()).add(TriggerEvaluator.baselineOf(t));
    }
    Map<String, List<String>> watched = new HashMap<>();
    wanted.forEach((probe, placeholders) -> watched.put(probe, List.copyOf(placeholders)));
    return new Baselines(watched);
  }

  /** Remembers the numeric values a watched probe observed (errors and results without numbers are skipped). */
  public void record(ProbeResult r) {
    List<String> placeholders = watched.get(r.probeId());
    if (placeholders == null || r.error() != null) return;
    Instant at = r.startedAt();
    for (String p : placeholders) {
      Double v = number(r.observed().get(p));
      if (v == null) continue;
      Deque<Point> ring = rings.computeIfAbsent(r.probeId() + "/" + p, k -> new ArrayDeque<>());
      ring.addLast(new Point(at, v));
      while (ring.size() > RING) ring.removeFirst();
    }
  }

  /** The mean of the probe's last values up to {@code before} (same millisecond included), or null when none. */
  public Double mean(String probeId, String placeholder, Instant before) {
    Deque<Point> ring = rings.get(probeId + "/" + placeholder);
    if (ring == null) return null;
    double sum = 0;
    int n = 0;
    for (Point p : ring) {
      // by the millisecond, as deployment times are stored: a value seen in the deployment's millisecond came first
      if (!p.at().truncatedTo(ChronoUnit.MILLIS).isAfter(before)) {
        sum += p.value();
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** A number, or a duration (as the evidence shows it, e.g. {@code 120ms}) in seconds; null otherwise. */
  static Double number(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (v instanceof Duration d) return d.toNanos() / 1e9;
    if (v instanceof String s && Durations.looksLikeDuration(s)) {
      try {
        return Durations.parse(s).toNanos() / 1e9;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
