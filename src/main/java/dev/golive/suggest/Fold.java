package dev.golive.suggest;

import java.text.Normalizer;
import java.util.Locale;

/** Folds text for keyword matching: lower case, diacritics removed (Vietnamese with or without them matches). */
final class Fold {
  private Fold() {}

  static String fold(String s) {
    String n = Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'd'), Normalizer.Form.NFD);
    n = n.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    return n.replaceAll("\\s+", " ").trim();
  }
}
