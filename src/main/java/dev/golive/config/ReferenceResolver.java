package dev.golive.config;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the user's references to items (ids or unambiguous text) into item ids, explaining misses and ambiguity. */
final class ReferenceResolver {
  private static final int CANDIDATES_SHOWN = 5;
  private final Checklist checklist;

  ReferenceResolver(Checklist checklist) {
    this.checklist = checklist;
  }

  Checklist checklist() {
    return checklist;
  }

  /** The single item a reference node means, or empty after reporting why at the node. */
  Optional<String> item(ConfigNode ref) {
    return item(ref.asString(), ref);
  }

  /** The single item {@code text} means (an id or unambiguous text), or empty after reporting why at {@code ref}. */
  Optional<String> item(String text, ConfigNode ref) {
    if (text == null || text.isBlank()) {
      ref.problem("empty item reference");
      return Optional.empty();
    }
    List<ChecklistItem> found = checklist.find(text);
    if (found.size() == 1) return Optional.of(found.get(0).id());
    if (found.isEmpty()) {
      ref.problem("'" + text + "' matches no item of " + fileName() + closest(text));
    } else {
      ref.problem("'" + text + "' matches " + found.size() + " items of " + fileName() + "; use an id or more words: "
          + found.stream().limit(CANDIDATES_SHOWN).map(ReferenceResolver::describe).collect(Collectors.joining("; "))
          + (found.size() > CANDIDATES_SHOWN ? "; ..." : ""));
    }
    return Optional.empty();
  }

  /** Every item id referenced by a list node (ids or text). */
  List<String> items(Optional<ConfigNode> list) {
    List<String> out = new ArrayList<>();
    list.ifPresent(l -> l.elements().forEach(e -> item(e).filter(id -> !out.contains(id)).ifPresent(out::add)));
    return out;
  }

  private String fileName() {
    String f = checklist.file();
    int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
    return slash >= 0 ? f.substring(slash + 1) : f;
  }

  private String closest(String text) {
    String ref = Checklist.normalize(text);
    List<ChecklistItem> near = checklist.items().stream()
        .sorted(Comparator.comparingInt(i -> Text.editDistance(ref, Checklist.normalize(i.text()))))
        .limit(3).toList();
    if (near.isEmpty()) return "";
    return "; closest: " + near.stream().map(ReferenceResolver::describe).collect(Collectors.joining("; "));
  }

  static String describe(ChecklistItem i) {
    String t = i.text().length() > 60 ? i.text().substring(0, 57) + "..." : i.text();
    return i.id() + " \"" + t + "\" (line " + i.line() + ")";
  }
}
