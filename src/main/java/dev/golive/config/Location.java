package dev.golive.config;

/** A place in a user's file, printed the way compilers do: {@code file:line:col}. Lines and columns start at 1. */
public record Location(String file, int line, int column) {
  public static Location of(String file) {
    return new Location(file, 0, 0);
  }

  @Override
  public String toString() {
    return line <= 0 ? file : file + ":" + line + ":" + column;
  }
}
