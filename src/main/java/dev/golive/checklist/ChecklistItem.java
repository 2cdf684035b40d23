package dev.golive.checklist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a checklist.
 *
 * @param id stable id: an explicit code on the line ({@code GO-008}, {@code TC-012}) or a slug of section and text
 * @param sections the heading path above the item, outermost first (clean text, no emoji mojibake)
 * @param text the item's clean text (no checkbox, no gutter, Markdown emphasis and code marks removed)
 * @param declared what the file claims
 * @param line 1-based line in the file
 * @param column 1-based column of the item's marker: the {@code [} of its checkbox, a table row's status cell, or
 *     the first character of a line without a marker (a flattened table row)
 * @param parentId the enclosing task item's id for nested items, else null
 * @param levels a level table's mark columns for this row, header to cell ({@code "Level 1" -> "✅"}), in column
 *     order; empty for other items
 */
public record ChecklistItem(String id, List<String> sections, String text, DeclaredState declared, int line,
    int column, String parentId, Map<String, String> levels) {

  public ChecklistItem {
    sections = List.copyOf(sections);
    levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
  }

  /** An item without level columns. */
  public ChecklistItem(String id, List<String> sections, String text, DeclaredState declared, int line, int column,
      String parentId) {
    this(id, sections, text, declared, line, column, parentId, Map.of());
  }

  /** The innermost section, or empty when the item stands before any heading. */
  public String section() {
    return sections.isEmpty() ? "" : sections.get(sections.size() - 1);
  }
}
