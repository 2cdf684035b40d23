package dev.golive.probe.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@code command} probe: the program and its arguments (no shell), the environment it gets (only PATH, the
 * allowed variables and the explicit ones), the output cap per stream, its working directory (null: golive's), and
 * whether a deadline kills the whole process tree.
 */
public record CommandSpec(List<String> run, List<String> passEnv, Map<String, String> setEnv, int maxOutput,
    Path dir, boolean killTree) {
  public CommandSpec {
    run = List.copyOf(run);
    passEnv = List.copyOf(passEnv);
    setEnv = Map.copyOf(setEnv);
  }
}
