package dev.golive.checklist;

/** What the team's file says of an item: {@code [x]}, {@code [ ]}, {@code [~]}, or a table status cell. */
public enum DeclaredState {
  /** {@code [x]} / {@code [X]}, or a status cell meaning done (✅, done, pass, yes, selesai, xong...). */
  CHECKED,
  /** {@code [ ]}, or a status cell meaning not done. */
  UNCHECKED,
  /** {@code [~]}: partly done, needs further verification. */
  PARTIAL,
  /** An item without a checkbox or a status (a flattened table row): no claim either way. */
  NONE
}
