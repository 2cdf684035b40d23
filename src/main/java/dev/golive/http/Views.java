package dev.golive.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.LoadNote;
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

  /**
   * {@code notes}: what the checklist loader skipped or repaired, and why (line 0: the whole file); {@code schedule}:
   * whether the plan's runs start on time.
   */
  record PlanSummary(String plan, boolean go, Map<String, Long> items, List<GateStatus> gates, List<LoadNote> notes,
      ScheduleLag.Status schedule) {}

  /** {@code levels}: a level table's marks for this row (header to mark), left out for other items. */
  record ItemJson(String id, String text, List<String> sections, int line, String declared, String state,
      Instant since, List<String> probes, List<ProbeResult> latest,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> levels) {}

  record ItemDetail(ItemJson item, List<Transition> evidence) {}

  record ProbeJson(String id, String kind, String interval, String timeout, List<String> ticks, ProbeResult last) {}

  static PlanSummary summary(PlanRuntime r) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ItemState s : ItemState.values()) counts.put(s.label(), 0L);
    r.items().values().forEach(v -> counts.merge(v.state().label(), 1L, Long::sum));
    return new PlanSummary(r.name(), r.verdict().go(), counts, r.verdict().gates(), r.plan().checklist().notes(),
        r.scheduleLag().status());
  }

  static ItemJson item(PlanRuntime r, ChecklistItem i) {
    ItemView v = r.items().get(i.id());
    List<ProbeResult> latest = r.probesOf(i.id()).stream().map(p -> r.lastResults().get(p)).filter(Objects::nonNull)
        .toList();
    return new ItemJson(i.id(), i.text(), i.sections(), i.line(), i.declared().name().toLowerCase(),
        v.state().label(), v.since(), r.probesOf(i.id()), latest, i.levels());
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
