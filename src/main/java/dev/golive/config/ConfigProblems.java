package dev.golive.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every problem of a load, so that a user sees all of them at once rather than one per run. Not thread-safe. */
public final class ConfigProblems {
  private final List<ConfigProblem> problems = new ArrayList<>();

  public void add(Location location, String message) {
    problems.add(new ConfigProblem(location, message));
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
