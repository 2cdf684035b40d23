package dev.golive.suggest;

import java.util.regex.Pattern;

/** Whether an item's code span is a command to run ({@code flask db upgrade}, {@code setup_secrets.sh}). */
final class Commands {
  private static final Pattern PROGRAM = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Pattern SCRIPT = Pattern.compile(".+\\.(sh|py|rb|js|pl|ps1)");

  private Commands() {}

  static boolean looksLikeCommand(String span) {
    if (span == null || span.isBlank()) return false;
    String[] words = span.strip().split("\\s+");
    if (!PROGRAM.matcher(words[0]).matches()) return false;
    return words.length >= 2 ? words[1].matches("[A-Za-z0-9_.:=/-]+") : SCRIPT.matcher(words[0]).matches();
  }
}
