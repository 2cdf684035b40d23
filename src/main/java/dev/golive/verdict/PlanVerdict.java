package dev.golive.verdict;

import dev.golive.config.GateConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Go/No-Go of a plan: Go when every required gate passes. */
public record PlanVerdict(String plan, boolean go, List<GateStatus> gates) {
  public PlanVerdict {
    gates = List.copyOf(gates);
  }

  /**
   * Judges gates from item states. Without configured gates, one implicit required gate {@code all-probed} holds
   * every item that has probes, so a plan with probes still has a meaningful Go.
   */
  public static PlanVerdict judge(String plan, List<GateConfig> gates, List<String> probedItems,
      Map<String, ItemState> states) {
    List<GateConfig> effective = gates.isEmpty() && !probedItems.isEmpty()
        ? List.of(new GateConfig("all-probed", "Every probed item", true, probedItems))
        : gates;
    List<GateStatus> out = new ArrayList<>();
    boolean go = true;
    for (GateConfig g : effective) {
      List<String> blocking = new ArrayList<>();
      for (String item : g.itemIds()) {
        ItemState s = states.getOrDefault(item, ItemState.PENDING);
        if (s != ItemState.DONE) blocking.add(item + " (" + s.label() + ")");
      }
      boolean passed = blocking.isEmpty();
      if (g.required() && !passed) go = false;
      out.add(new GateStatus(g.id(), g.name(), g.required(), passed, g.itemIds().size(), blocking));
    }
    return new PlanVerdict(plan, go && !effective.isEmpty(), out);
  }
}
