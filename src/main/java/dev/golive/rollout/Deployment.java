package dev.golive.rollout;

import java.time.Instant;
import java.util.Map;

/**
 * A release of a plan's service. Windows open relative to {@link #deployedAt()}; a newer deployment supersedes this
 * one ({@link #supersededAt()} set). Immutable.
 *
 * @param source {@code api} (API or CLI) or {@code detected} (a version probe saw a new version)
 * @param baselines per trigger id, the pre-deploy value of the trigger's probe (seconds for durations)
 */
public record Deployment(String id, String plan, String version, String note, String source, Instant deployedAt,
    Instant supersededAt, Map<String, Double> baselines) {
  public Deployment {
    baselines = Map.copyOf(baselines);
  }

  public Deployment supersededAt(Instant at) {
    return new Deployment(id, plan, version, note, source, deployedAt, at, baselines);
  }
}
