package dev.golive.http;

import dev.golive.checklist.ChecklistItem;
import dev.golive.daemon.ItemView;
import dev.golive.daemon.PlanRuntime;
import dev.golive.daemon.ScheduleLag;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.GateStatus;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.Transition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The API's response shapes, built from a runtime's live state. */
final class Views {
  private Views() {}

  record PlanSummary(String plan, boolean go, Map<String, Long> items, List<GateStatus> gates,
      ScheduleLag.Status schedule) {}

  record ItemJson(String id, String text, List<String> sections, int line, String declared, String state,
      Instant since, List<String> probes, List<ProbeResult> latest) {}

  record ItemDetail(ItemJson item, List<Transition> evidence) {}

  record ProbeJson(String id, String kind, String interval, String timeout, List<String> ticks, ProbeResult last) {}

  static PlanSummary summary(PlanRuntime r) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ItemState s : ItemState.values()) counts.put(s.label(), 0L);
    r.items().values().forEach(v -> counts.merge(v.state().label(), 1L, Long::sum));
    return new PlanSummary(r.name(), r.verdict().go(), counts, r.verdict().gates(), r.scheduleLag().status());
  }

  static ItemJson item(PlanRuntime r, ChecklistItem i) {
    ItemView v = r.items().get(i.id());
    List<ProbeResult> latest = r.probesOf(i.id()).stream().map(p -> r.lastResults().get(p)).filter(Objects::nonNull)
        .toList();
    return new ItemJson(i.id(), i.text(), i.sections(), i.line(), i.declared().name().toLowerCase(),
        v.state().label(), v.since(), r.probesOf(i.id()), latest);
  }

  static List<ItemJson> items(PlanRuntime r) {
    return r.plan().checklist().items().stream().map(i -> item(r, i)).toList();
  }

  static List<ProbeJson> probes(PlanRuntime r) {
    return r.plan().probes().stream().map(p -> new ProbeJson(p.id(), p.kind().name(),
        dev.golive.config.Durations.format(p.interval()), dev.golive.config.Durations.format(p.timeout()), p.ticks(),
        r.lastResults().get(p.id()))).toList();
  }
}
