package dev.golive.daemon;

import dev.golive.condition.Condition;
import dev.golive.config.PlanConfig;
import dev.golive.config.ProbeConfig;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which probes a reloaded plan left as they were (same id, kind, settings, conditions, schedule and ticks). */
final class ProbeConfigs {
  private ProbeConfigs() {}

  static Set<String> unchanged(PlanConfig before, PlanConfig after) {
    Map<String, ProbeConfig> old = before.probes().stream()
        .collect(Collectors.toMap(ProbeConfig::id, Function.identity()));
    Set<String> same = new LinkedHashSet<>();
    for (ProbeConfig p : after.probes()) {
      ProbeConfig o = old.get(p.id());
      if (o != null && same(o, p)) same.add(p.id());
    }
    return same;
  }

  /** Equal but for where the probe stands in the file. */
  static boolean same(ProbeConfig a, ProbeConfig b) {
    return a.id().equals(b.id()) && a.kind().name().equals(b.kind().name())
        && java.util.Objects.equals(a.spec(), b.spec())
        && a.conditions().stream().map(Condition::text).toList()
            .equals(b.conditions().stream().map(Condition::text).toList())
        && a.interval().equals(b.interval()) && a.timeout().equals(b.timeout())
        && a.ticks().equals(b.ticks()) && a.critical() == b.critical();
  }
}
