package dev.golive.condition.impl;

import java.util.List;

/**
 * One side of a comparison after evaluation: how it is shown in the explanation (observed values in place), its
 * values ({@code [*]} paths give several, each labelled with its concrete path), or why it has none.
 *
 * @param noData non-null when a placeholder had no value (the reason, e.g. {@code no data}): the result is NO_DATA
 * @param error non-null when the side could not be computed (type mismatch): the result is FAILED
 */
record Operand(String shown, List<Elem> elems, boolean multi, String noData, String error) {

  /** One value and the path it came from, e.g. {@code [BODY].items[2].tenant}. */
  record Elem(String label, Object value) {}

  static Operand of(String shown, String label, Object value) {
    return new Operand(shown, List.of(new Elem(label, value)), false, null, null);
  }

  static Operand noData(String shown, String reason) {
    return new Operand(shown, List.of(), false, reason, null);
  }

  static Operand error(String shown, String error) {
    return new Operand(shown, List.of(), false, null, error);
  }

  boolean ok() {
    return noData == null && error == null;
  }

  Object single() {
    return elems.get(0).value();
  }
}
