package dev.golive.verdict;

import java.util.Locale;

/** The states of ../shared/PRODUCT.md; {@link #label()} is the word users see (API, metrics, Markdown). */
public enum ItemState {
  PENDING, PASSING, DONE, FAILING, REGRESSED, MANUAL, CONTRADICTED;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }

  public static ItemState fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
