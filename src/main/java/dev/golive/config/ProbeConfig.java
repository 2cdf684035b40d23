package dev.golive.config;

import dev.golive.condition.Condition;
import dev.golive.probe.ProbeKind;
import java.time.Duration;
import java.util.List;

/**
 * One probe of a plan, validated: its kind with the kind's parsed spec, the conditions (the user's or the kind's
 * defaults), the schedule, and the ids of the checklist items it ticks. {@code spec} is null only when loaded with
 * {@link Secrets#withoutSecrets()} and the kind rejected a value held in an unchecked secret (never run).
 */
public record ProbeConfig(String id, ProbeKind<?> kind, Object spec, List<Condition> conditions, Duration interval,
    Duration timeout, List<String> ticks, boolean critical, Location location) {

  public ProbeConfig {
    conditions = List.copyOf(conditions);
    ticks = List.copyOf(ticks);
  }
}
