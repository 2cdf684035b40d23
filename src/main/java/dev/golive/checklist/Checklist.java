package dev.golive.checklist;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A loaded checklist: its items in file order, the original text (never modified), and what the loader skipped or
 * repaired. Immutable.
 */
public record Checklist(String file, String text, List<ChecklistItem> items, List<LoadNote> notes) {

  public Checklist {
    items = List.copyOf(items);
    notes = List.copyOf(notes);
  }

  public Optional<ChecklistItem> item(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /**
   * The items a user's reference means: an exact id; else the items whose normalized text equals it; else those
   * whose normalized text contains it. Empty when nothing matches; more than one when it is ambiguous.
   */
  public List<ChecklistItem> find(String reference) {
    Optional<ChecklistItem> byId = items.stream().filter(i -> i.id().equalsIgnoreCase(reference.trim())).findFirst();
    if (byId.isPresent()) return List.of(byId.get());
    String ref = normalize(reference);
    if (ref.isEmpty()) return List.of();
    List<ChecklistItem> exact = items.stream().filter(i -> normalize(i.text()).equals(ref)).toList();
    if (!exact.isEmpty()) return exact;
    return items.stream().filter(i -> normalize(i.text()).contains(ref)).toList();
  }

  /** Items under a heading whose text (or slug) equals {@code section}, at any depth. */
  public List<ChecklistItem> inSection(String section) {
    String ref = normalize(section);
    return items.stream().filter(i -> i.sections().stream().anyMatch(s -> normalize(s).equals(ref))).toList();
  }

  /** Lower case, accents kept, punctuation and repeated spaces folded: for matching references to items. */
  public static String normalize(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    n = n.replaceAll("[`*_]", "").replaceAll("[^\\p{L}\\p{N}%<>=.]+", " ");
    return n.trim();
  }
}
