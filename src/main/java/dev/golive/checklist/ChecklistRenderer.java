package dev.golive.checklist;

import java.util.function.Function;

/** Placeholder: being implemented. */
public final class ChecklistRenderer {
  private ChecklistRenderer() {}

  public static String render(Checklist checklist, Function<ChecklistItem, String> liveState) {
    return checklist.text();
  }
}
