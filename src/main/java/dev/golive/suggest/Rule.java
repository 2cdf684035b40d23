package dev.golive.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One line of the rule table: a category, the words that recognise it in each language (regular expressions over
 * folded text, so Vietnamese is written without diacritics and matches both spellings), words that veto it, and either
 * a probe template or, for categories a person signs off, the manual reason.
 */
record Rule(String category, Pattern words, Pattern unless, Predicate<Subject> when,
    Function<Subject, ProbeDraft> template, String reason) {

  boolean matches(Subject s) {
    return (words == null || words.matcher(s.folded()).find()) && (when == null || when.test(s))
        && (unless == null || !unless.matcher(s.folded()).find());
  }

  boolean manual() {
    return template == null;
  }

  static Builder of(String category) {
    return new Builder(category);
  }

  /** Collects the words of a rule per language; each word is a regex matched at word starts. */
  static final class Builder {
    private final String category;
    private final List<String> words = new ArrayList<>();
    private final List<String> unless = new ArrayList<>();
    private Predicate<Subject> when;

    private Builder(String category) {
      this.category = category;
    }

    /** English words. */
    Builder en(String... w) {
      return add(words, w);
    }

    /** Indonesian words. */
    Builder id(String... w) {
      return add(words, w);
    }

    /** Vietnamese words, written without diacritics (text is folded before matching). */
    Builder vi(String... w) {
      return add(words, w);
    }

    /** Words that veto the rule, in any language. */
    Builder unless(String... w) {
      return add(unless, w);
    }

    private Builder add(List<String> to, String... w) {
      to.addAll(List.of(w));
      return this;
    }

    /** A test beyond words, e.g. on the item's code span. */
    Builder when(Predicate<Subject> test) {
      when = test;
      return this;
    }

    Rule probe(Function<Subject, ProbeDraft> template) {
      return new Rule(category, compile(words), compile(unless), when, template, null);
    }

    Rule manual(String reason) {
      return new Rule(category, compile(words), compile(unless), when, null, reason);
    }

    private static Pattern compile(List<String> w) {
      if (w.isEmpty()) return null;
      return Pattern.compile("(?<![a-z0-9_])(?:" + String.join("|", w) + ")(?![a-z0-9_])");
    }
  }
}
