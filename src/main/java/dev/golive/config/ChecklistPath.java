package dev.golive.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rule for {@code checklist:}: a relative path that stays inside the plan's folder, also after symbolic links are
 * followed, so a plan cannot make golive read (and its API serve) another file of the machine.
 */
final class ChecklistPath {
  private ChecklistPath() {}

  /** Why {@code written} (the value of {@code checklist:}) is refused for the plan in {@code planDir}, or empty. */
  static Optional<String> outside(Path planDir, String written) {
    Path given;
    try {
      given = Path.of(written);
    } catch (InvalidPathException e) {
      return Optional.of("not a file path: '" + Text.abbreviate(written, 80) + "'");
    }
    String hint = ": the checklist must be inside the plan's folder (copy or link it there)";
    if (given.isAbsolute()) return Optional.of("absolute path '" + Text.abbreviate(written, 80) + "'" + hint);
    Path dir = planDir.toAbsolutePath().normalize();
    Path file = dir.resolve(given).normalize();
    if (!file.startsWith(dir)) return Optional.of("'" + Text.abbreviate(written, 80) + "' leaves the plan's folder"
        + hint);
    if (!Files.exists(file)) return Optional.empty();
    try {
      if (!file.toRealPath().startsWith(dir.toRealPath())) {
        return Optional.of("'" + Text.abbreviate(written, 80) + "' is a link to a file outside the plan's folder"
            + hint);
      }
    } catch (IOException e) {
      return Optional.of("cannot resolve '" + Text.abbreviate(written, 80) + "' (" + e.getClass().getSimpleName() + ")");
    }
    return Optional.empty();
  }
}
