package dev.golive.config;

import dev.golive.condition.Condition;
import java.util.List;

/** A rollback condition watched during windows. */
public record TriggerConfig(String id, String probeId, List<String> windows, Condition fireWhen, Condition resolveWhen,
    int forCount, String severity, String noData, boolean dryRun) {
  public TriggerConfig {
    windows = List.copyOf(windows);
  }
}
