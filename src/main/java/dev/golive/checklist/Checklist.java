package dev.golive.checklist;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A loaded checklist: its items in file order, the original text (never modified), and what the loader skipped or
 * repaired. Immutable and thread-safe. Items are indexed by id and by normalized text at construction, so looking
 * up a reference takes constant time however long the checklist is (a plan of thousands of probes resolves each
 * probe's items).
 */
public final class Checklist {
  private static final Pattern MARKUP = Pattern.compile("[`*_]");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}%<>=.]+");

  private final String file;
  private final String text;
  private final List<ChecklistItem> items;
  private final List<LoadNote> notes;
  // the first item (in file order) of each id; of each id folded to one case; the items of each normalized text
  private final Map<String, ChecklistItem> byId = new HashMap<>();
  private final Map<String, ChecklistItem> byFoldedId = new HashMap<>();
  private final Map<String, List<ChecklistItem>> byText = new HashMap<>();
  private final List<String> normalizedTexts;
  private final boolean asciiIds;

  public Checklist(String file, String text, List<ChecklistItem> items, List<LoadNote> notes) {
    this.file = file;
    this.text = text;
    this.items = List.copyOf(items);
    this.notes = List.copyOf(notes);
    List<String> normalized = new ArrayList<>(this.items.size());
    for (ChecklistItem i : this.items) {
      byId.putIfAbsent(i.id(), i);
      byFoldedId.putIfAbsent(fold(i.id()), i);
      String n = normalize(i.text());
      normalized.add(n);
      byText.computeIfAbsent(n, k -> new ArrayList<>(1)).add(i);
    }
    normalizedTexts = List.copyOf(normalized);
    asciiIds = this.items.stream().allMatch(i -> ascii(i.id()));
  }

  public String file() {
    return file;
  }

  public String text() {
    return text;
  }

  public List<ChecklistItem> items() {
    return items;
  }

  public List<LoadNote> notes() {
    return notes;
  }

  /** The first item with exactly this id. */
  public Optional<ChecklistItem> item(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The items a user's reference means: an exact id (ignoring case); else the items whose normalized text equals it;
   * else those whose normalized text contains it. Empty when nothing matches; more than one when it is ambiguous.
   */
  public List<ChecklistItem> find(String reference) {
    String id = reference.trim();
    if (asciiIds && ascii(id)) { // where folding to one case and equalsIgnoreCase agree
      ChecklistItem byIdMatch = byFoldedId.get(fold(id));
      if (byIdMatch != null) return List.of(byIdMatch);
    } else {
      for (ChecklistItem i : items) if (i.id().equalsIgnoreCase(id)) return List.of(i);
    }
    String ref = normalize(reference);
    if (ref.isEmpty()) return List.of();
    List<ChecklistItem> exact = byText.get(ref);
    if (exact != null) return List.copyOf(exact);
    List<ChecklistItem> out = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      if (normalizedTexts.get(k).contains(ref)) out.add(items.get(k));
    }
    return List.copyOf(out);
  }

  /** Items under a heading whose text (or slug) equals {@code section}, at any depth. */
  public List<ChecklistItem> inSection(String section) {
    String ref = normalize(section);
    return items.stream().filter(i -> i.sections().stream().anyMatch(s -> normalize(s).equals(ref))).toList();
  }

  /** Lower case, accents kept, punctuation and repeated spaces folded: for matching references to items. */
  public static String normalize(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    n = SEPARATORS.matcher(MARKUP.matcher(n).replaceAll("")).replaceAll(" ");
    return n.trim();
  }

  private static String fold(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private static boolean ascii(String s) {
    for (int k = 0; k < s.length(); k++) if (s.charAt(k) > 127) return false;
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checklist c && file.equals(c.file) && text.equals(c.text) && items.equals(c.items)
        && notes.equals(c.notes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, text, items, notes);
  }

  @Override
  public String toString() {
    return "Checklist[file=" + file + ", text=" + text + ", items=" + items + ", notes=" + notes + "]";
  }
}
