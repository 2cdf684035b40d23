package dev.golive.cli;

import dev.golive.config.ConfigException;
import dev.golive.config.ConfigProblem;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The plan folders a command works on, and loading them with every problem reported. */
final class PlanArguments {
  @Parameters(paramLabel = "PLANS", arity = "0..*",
      description = "Plan folders, or folders of plans (default: probes).")
  List<Path> paths;

  @Option(names = "--plans", paramLabel = "DIR", description = "Same as the PLANS arguments (for service files).")
  List<Path> options;

  List<Path> all() {
    List<Path> out = new ArrayList<>();
    if (paths != null) out.addAll(paths);
    if (options != null) out.addAll(options);
    if (out.isEmpty()) out.add(Path.of("probes"));
    return out;
  }

  /** Loads the plans, or prints every problem as {@code file:line:col: message} and returns null. */
  List<PlanConfig> load(Secrets secrets, PrintWriter err) {
    return load(secrets, err, w -> { });
  }

  /** As {@link #load(Secrets, PrintWriter)}, each warning going to {@code warnings}. */
  List<PlanConfig> load(Secrets secrets, PrintWriter err, java.util.function.Consumer<ConfigProblem> warnings) {
    try {
      return PlanLoader.loadAll(PlanLoader.planDirectories(all()), secrets, warnings);
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println(p));
      err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
          + "; nothing was started.");
      err.flush();
      return null;
    }
  }
}
