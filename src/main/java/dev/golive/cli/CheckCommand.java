package dev.golive.cli;

import dev.golive.config.Durations;
import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.daemon.CheckOutcome;
import dev.golive.daemon.CheckRun;
import dev.golive.daemon.PlanRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code golive check}: a gate for a CI pipeline. Runs each probe until the items it ticks settle or the deadline
 * passes; exit 0 on Go, 1 on No-Go, 3 when the verdict hinges on items that did not settle in time.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Run each probe until its items settle (passes-to-tick passes in a row, or failures-to-regress "
        + "failures), print items and gates.",
        "Exit 0 on Go, 1 on No-Go, 3 when not settled within --timeout (the verdict hinges on unsettled items)."})
final class CheckCommand implements Callable<Integer> {
  @Mixin PlanArguments plans;
  @Spec CommandSpec spec;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (for CI test views).")
  Path junit;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s",
      description = "Wait between two tries of a probe: its own interval, at most this (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop trying after this long (default: 3 x the longest wait x the tries an item needs, "
          + "at least 30s).")
  String timeout;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Secrets secrets = Secrets.fromEnvironment();
    List<PlanConfig> loaded = plans.load(secrets, spec.commandLine().getErr());
    if (loaded == null) return Main.BAD_INPUT;
    Duration pause;
    Duration deadline;
    try {
      pause = positive("--interval", interval);
      deadline = timeout == null ? CheckRun.defaultTimeout(loaded, pause) : positive("--timeout", timeout);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("golive: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    CheckOutcome outcome = CheckRun.untilSettled(loaded, secrets, deadline, pause);
    CheckReport.table(outcome, out);
    out.flush();
    if (junit != null) {
      try {
        CheckReport.writeJunit(outcome, junit);
      } catch (IOException e) {
        spec.commandLine().getErr().println("golive: cannot write " + junit + ": " + e.getMessage());
        return Main.FAILED;
      }
    }
    return switch (outcome.overall()) {
      case GO -> Main.OK;
      case NO_GO -> Main.FAILED;
      case NOT_SETTLED -> Main.NOT_SETTLED;
    };
  }

  private static Duration positive(String option, String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("must be more than 0");
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " '" + text + "': " + e.getMessage());
    }
  }
}
