package dev.golive.config;

import java.util.List;
import java.util.stream.Collectors;

/** A user's input is wrong; {@link #problems()} says where and what. Never wraps a programming error. */
public final class ConfigException extends Exception {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public static ConfigException of(Location location, String message) {
    return new ConfigException(List.of(new ConfigProblem(location, message)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
