package dev.golive.cli;

import dev.golive.checklist.LoadNote;
import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code golive validate}: loads plans without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check plans and checklists; print every problem as file:line:col: message (exit 2).")
final class ValidateCommand implements Callable<Integer> {
  @Mixin PlanArguments plans;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<PlanConfig> loaded = plans.load(Secrets.fromEnvironment(), err);
    if (loaded == null) return Main.BAD_INPUT;
    for (PlanConfig p : loaded) {
      for (LoadNote n : p.checklist().notes()) {
        err.println(p.checklist().file() + (n.line() > 0 ? ":" + n.line() : "") + ": note: " + n.message());
      }
      long ticked = p.checklist().items().stream().filter(i -> !p.probesTicking(i.id()).isEmpty()).count();
      out.printf("ok: plan %s: %d items (%d ticked by probes), %d probes, %d gates%n", p.name(),
          p.checklist().items().size(), ticked, p.probes().size(), p.gates().size());
    }
    out.flush();
    err.flush();
    return Main.OK;
  }
}
