package dev.golive.suggest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Suggester} made of a checklist: probes (each with the items it ticks and the rule category that made
 * it), post-deploy windows and triggers, and every other item with the reason it is left to a person.
 */
public record Suggestion(String service, List<Probe> probes, List<Probe> reviewFirst, List<Window> windows,
    List<Trigger> triggers, Map<String, Manual> manual, int items) {

  /**
   * {@code reviewFirst}: probes written commented out because running them unreviewed could change something (a
   * command the checklist names); their items are manual until a person enables them.
   */
  public Suggestion {
    probes = List.copyOf(probes);
    reviewFirst = List.copyOf(reviewFirst);
    windows = List.copyOf(windows);
    triggers = List.copyOf(triggers);
    manual = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(manual));
  }

  /** A probe to write, its unique id, the ids and texts of the items it ticks. */
  public record Probe(String id, String category, ProbeDraft draft, List<String> ticks, List<String> texts) {}

  /** {@code { name, until, hold }}: items to keep watching for a while after a deployment. */
  public record Window(String name, String until, List<String> hold) {}

  /** A rollback trigger read from an item such as "rollback if error rate > 5%". */
  public record Trigger(String id, String probe, String fireWhen, String item) {}

  /** An item left to a person: the category that said so (or "unrecognised") and the reason written. */
  public record Manual(String category, String reason, String text) {}

  /** Items ticked by a probe, by probe kind, in the order kinds first appear. */
  public Map<String, Integer> recognisedByKind() {
    Map<String, Integer> out = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Probe p : probes) {
      for (String item : p.ticks()) {
        if (seen.add(item + "\u0000" + p.draft().kind())) out.merge(p.draft().kind(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** Items ticked by at least one probe. */
  public long recognised() {
    return probes.stream().flatMap(p -> p.ticks().stream()).distinct().count();
  }

  /** Manual items by category. */
  public Map<String, Integer> manualByCategory() {
    Map<String, Integer> out = new LinkedHashMap<>();
    manual.values().forEach(m -> out.merge(m.category(), 1, Integer::sum));
    return out;
  }
}
