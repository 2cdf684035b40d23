package dev.golive.config;

import dev.golive.condition.Condition;
import dev.golive.condition.Placeholders;
import dev.golive.probe.ProbeKind;
import java.time.Duration;
import java.util.List;

/**
 * One probe of a plan, validated: its kind with the kind's parsed spec, the conditions (the user's or the kind's
 * defaults), the schedule, and the ids of the checklist items it ticks. {@code spec} is null only when loaded with
 * {@link Secrets#withoutSecrets()} and the kind rejected a value held in an unchecked secret (never run).
 * {@code placeholders} are the kind's, typed, with {@code [VALUE]} in the probe's {@code unit:} when it sets one.
 */
public record ProbeConfig(String id, ProbeKind<?> kind, Object spec, List<Condition> conditions, Duration interval,
    Duration timeout, List<String> ticks, boolean critical, Location location, Placeholders placeholders) {

  public ProbeConfig {
    conditions = List.copyOf(conditions);
    ticks = List.copyOf(ticks);
    if (placeholders == null) placeholders = kind.placeholderTypes();
  }

  /** A probe whose placeholders have the kind's types. */
  public ProbeConfig(String id, ProbeKind<?> kind, Object spec, List<Condition> conditions, Duration interval,
      Duration timeout, List<String> ticks, boolean critical, Location location) {
    this(id, kind, spec, conditions, interval, timeout, ticks, critical, location, null);
  }
}
