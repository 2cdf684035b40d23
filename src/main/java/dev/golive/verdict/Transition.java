package dev.golive.verdict;

import dev.golive.probe.ProbeResult;
import java.time.Instant;
import java.util.List;

/**
 * A state change of one item and the evidence behind it: the probe results that caused it, or the person and note
 * of a manual tick, or the checklist line that claims it.
 *
 * @param cause {@code probe}, {@code manual} or {@code checklist}
 * @param actor the probe ids, the person who ticked, or the checklist file
 */
public record Transition(String plan, String itemId, ItemState from, ItemState to, Instant at, String cause,
    String actor, String note, List<ProbeResult> results) {
  public Transition {
    results = List.copyOf(results);
  }
}
