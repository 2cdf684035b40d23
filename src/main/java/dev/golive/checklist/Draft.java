package dev.golive.checklist;

import java.util.List;
import java.util.Map;

/**
 * An item as read, before ids are given.
 *
 * @param code the explicit code on the line, or null
 * @param parent index of the enclosing task item's draft, or -1
 */
record Draft(String code, List<String> sections, String text, DeclaredState state, int line, int column,
    int parent, Map<String, String> levels) {

  Draft(String code, List<String> sections, String text, DeclaredState state, int line, int column, int parent) {
    this(code, sections, text, state, line, column, parent, Map.of());
  }
}
