package dev.golive.probe;

import dev.golive.condition.Condition;
import dev.golive.probe.impl.ConditionalProbe;
import java.time.Duration;
import java.util.List;

/** Static factories for probes. */
public final class Probes {
  private Probes() {}

  /**
   * A probe that observes with {@code observer}, evaluates {@code conditions} against the observation, and fails
   * itself after {@code timeout}. Secrets known to {@code env} are redacted from its evidence and errors.
   */
  public static Probe of(String id, String kind, Observer observer, List<Condition> conditions, Duration interval,
      Duration timeout, ProbeEnvironment env) {
    return new ConditionalProbe(id, kind, observer, conditions, interval, timeout, env);
  }
}
