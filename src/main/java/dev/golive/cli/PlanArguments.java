package dev.golive.cli;

import dev.golive.config.ConfigException;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The plan folders a command works on, and loading them with every problem reported. */
final class PlanArguments {
  @Parameters(paramLabel = "PLANS", arity = "0..*", defaultValue = "probes",
      description = "Plan folders, or folders of plans (default: ${DEFAULT-VALUE}).")
  List<Path> paths;

  /** Loads the plans, or prints every problem as {@code file:line:col: message} and returns null. */
  List<PlanConfig> load(Secrets secrets, PrintWriter err) {
    try {
      return PlanLoader.loadAll(PlanLoader.planDirectories(paths), secrets);
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println(p));
      err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
          + "; nothing was started.");
      err.flush();
      return null;
    }
  }
}
