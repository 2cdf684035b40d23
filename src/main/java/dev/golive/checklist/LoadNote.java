package dev.golive.checklist;

/** Something the loader skipped or repaired, and why: {@code line} is 1-based (0 for the whole file). */
public record LoadNote(int line, String message) {
  @Override
  public String toString() {
    return (line > 0 ? "line " + line + ": " : "") + message;
  }
}
