package dev.golive.config;

/** One thing wrong with a user's input, with where it is. */
public record ConfigProblem(Location location, String message) implements Comparable<ConfigProblem> {
  @Override
  public String toString() {
    return location + ": " + message;
  }

  @Override
  public int compareTo(ConfigProblem o) {
    int c = location.file().compareTo(o.location.file());
    if (c != 0) return c;
    c = Integer.compare(location.line(), o.location.line());
    return c != 0 ? c : Integer.compare(location.column(), o.location.column());
  }
}
