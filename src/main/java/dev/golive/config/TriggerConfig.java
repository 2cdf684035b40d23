package dev.golive.config;

import dev.golive.condition.Condition;
import java.util.List;

/**
 * A rollback condition watched during windows. A condition trigger has {@code probeId} and {@code fireWhen}; a
 * composite trigger ({@code critical-probes} / {@code at-least}) has {@code probeId == null}, no conditions, and fires
 * when {@code atLeast} or more of {@code criticalProbes} fail at once.
 *
 * @param baselineFloor the smallest baseline used (an absolute floor, in the unit of the probe's value: seconds for
 *     durations), or null
 */
public record TriggerConfig(String id, String probeId, List<String> windows, Condition fireWhen, Condition resolveWhen,
    int forCount, String severity, String noData, boolean dryRun, Double baselineFloor, List<String> criticalProbes,
    int atLeast) {
  public TriggerConfig {
    windows = List.copyOf(windows);
    criticalProbes = List.copyOf(criticalProbes);
  }

  /** A condition trigger without a baseline floor. */
  public TriggerConfig(String id, String probeId, List<String> windows, Condition fireWhen, Condition resolveWhen,
      int forCount, String severity, String noData, boolean dryRun) {
    this(id, probeId, windows, fireWhen, resolveWhen, forCount, severity, noData, dryRun, null, List.of(), 0);
  }

  public boolean composite() {
    return probeId == null;
  }

  /** True when the fire or resolve condition compares against {@code [BASELINE]}. */
  public boolean usesBaseline() {
    return fireWhen != null && fireWhen.placeholders().contains("BASELINE")
        || resolveWhen != null && resolveWhen.placeholders().contains("BASELINE");
  }

  /** The probes whose results this trigger evaluates. */
  public List<String> watchedProbes() {
    return composite() ? criticalProbes : List.of(probeId);
  }
}
