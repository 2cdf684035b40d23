package dev.golive.daemon;

import dev.golive.checklist.ChecklistItem;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.PlanVerdict;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link CheckRun#untilSettled} found: the runtimes, and per plan the probed items that did not settle before the
 * deadline. A plan is {@link Verdict#NOT_SETTLED} when it is not Go yet would be if those items ticked: the check
 * could not tell, which is not the same as a No-Go.
 */
public record CheckOutcome(List<PlanRuntime> plans, Map<String, List<String>> unsettled, Duration timeout) {
  public enum Verdict { GO, NO_GO, NOT_SETTLED }

  public CheckOutcome {
    plans = List.copyOf(plans);
    unsettled = Map.copyOf(unsettled);
  }

  /** Reads the settled state of every probed item; call once the runs are over. */
  static CheckOutcome of(List<PlanRuntime> plans, Duration timeout) {
    Map<String, List<String>> unsettled = new LinkedHashMap<>();
    for (PlanRuntime r : plans) {
      unsettled.put(r.name(), r.plan().checklist().items().stream().map(ChecklistItem::id)
          .filter(id -> !r.probesOf(id).isEmpty() && !r.settled(id)).toList());
    }
    return new CheckOutcome(plans, unsettled, timeout);
  }

  public List<String> unsettled(String plan) {
    return unsettled.getOrDefault(plan, List.of());
  }

  public Verdict verdict(PlanRuntime r) {
    if (r.verdict().go()) return Verdict.GO;
    List<String> open = unsettled(r.name());
    if (open.isEmpty()) return Verdict.NO_GO;
    Map<String, ItemState> hopeful = new LinkedHashMap<>();
    r.items().forEach((id, v) -> hopeful.put(id, open.contains(id) ? ItemState.DONE : v.state()));
    List<String> probed = r.plan().checklist().items().stream().map(ChecklistItem::id)
        .filter(id -> !r.probesOf(id).isEmpty()).toList();
    return PlanVerdict.judge(r.name(), r.plan().gates(), probed, hopeful).go() ? Verdict.NOT_SETTLED : Verdict.NO_GO;
  }

  /** The worst verdict over all plans: any No-Go wins over not settled, which wins over Go. */
  public Verdict overall() {
    Verdict worst = Verdict.GO;
    for (PlanRuntime r : plans) {
      Verdict v = verdict(r);
      if (v == Verdict.NO_GO) return v;
      if (v == Verdict.NOT_SETTLED) worst = v;
    }
    return worst;
  }
}
