package dev.golive.cli;

import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.daemon.CheckRun;
import dev.golive.daemon.PlanRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code golive check}: one pass for a CI pipeline; exit 0 only when every required gate passes. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Run every probe now (passes-to-tick times), print items and gates, exit 0 only on Go.")
final class CheckCommand implements Callable<Integer> {
  @Mixin PlanArguments plans;
  @Spec CommandSpec spec;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (for CI test views).")
  Path junit;

  @Option(names = "--rounds", defaultValue = "0",
      description = "Runs per probe (default: the plan's passes-to-tick).")
  int rounds;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Secrets secrets = Secrets.fromEnvironment();
    List<PlanConfig> loaded = plans.load(secrets, spec.commandLine().getErr());
    if (loaded == null) return Main.BAD_INPUT;
    List<PlanRuntime> results = CheckRun.run(loaded, secrets, rounds);
    CheckReport.table(results, out);
    out.flush();
    if (junit != null) {
      try {
        CheckReport.writeJunit(results, junit);
      } catch (IOException e) {
        spec.commandLine().getErr().println("golive: cannot write " + junit + ": " + e.getMessage());
        return Main.FAILED;
      }
    }
    return results.stream().allMatch(r -> r.verdict().go()) ? Main.OK : Main.FAILED;
  }
}
