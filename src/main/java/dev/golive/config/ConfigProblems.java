package dev.golive.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every problem of a load, so that a user sees all of them at once rather than one per run. Not thread-safe. */
public final class ConfigProblems {
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  public void add(Location location, String message) {
    problems.add(new ConfigProblem(location, message));
  }

  /** Something that may be meant but likely is not; a problem only under {@code validate --strict}. */
  public void warn(Location location, String message) {
    warnings.add(new ConfigProblem(location, message));
  }

  /** The warnings, sorted by location. */
  public List<ConfigProblem> warnings() {
    List<ConfigProblem> copy = new ArrayList<>(new java.util.LinkedHashSet<>(warnings));
    Collections.sort(copy);
    return List.copyOf(copy);
  }

  public void addAll(List<ConfigProblem> more) {
    problems.addAll(more);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<ConfigProblem> sorted() {
    List<ConfigProblem> copy = new ArrayList<>(new java.util.LinkedHashSet<>(problems));
    Collections.sort(copy);
    return List.copyOf(copy);
  }

  /** Throws a {@link ConfigException} holding every problem, if there is any. */
  public void throwIfAny() throws ConfigException {
    if (!problems.isEmpty()) throw new ConfigException(sorted());
  }
}
