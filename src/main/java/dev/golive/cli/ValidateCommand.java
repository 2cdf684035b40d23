package dev.golive.cli;

import dev.golive.checklist.LoadNote;
import dev.golive.config.ConfigProblem;
import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code golive validate}: loads plans without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check plans and checklists; print every problem as file:line:col: message (exit 2).")
final class ValidateCommand implements Callable<Integer> {
  @Mixin PlanArguments plans;
  @Spec CommandSpec spec;

  @Option(names = "--without-secrets",
      description = "Do not resolve $${env:..} and $${file:..} references (for CI, where secrets are absent): they are "
          + "not problems and the values they hold are not checked; everything else is. Ends with the list of "
          + "references not checked.")
  boolean withoutSecrets;

  @Option(names = "--strict", description = "Treat warnings (file:line:col: warning: ...) as problems: exit 2.")
  boolean strict;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Secrets secrets = withoutSecrets ? Secrets.withoutSecrets() : Secrets.fromEnvironment();
    List<ConfigProblem> warnings = new ArrayList<>();
    List<PlanConfig> loaded = plans.load(secrets, err, w -> {
      warnings.add(w);
      err.println(w.location() + ": warning: " + w.message());
    });
    if (loaded == null) {
      if (withoutSecrets) err.println(notChecked(secrets));
      err.flush();
      return Main.BAD_INPUT;
    }
    for (PlanConfig p : loaded) {
      for (LoadNote n : p.checklist().notes()) {
        err.println(p.checklist().file() + (n.line() > 0 ? ":" + n.line() : "") + ": note: " + n.message());
      }
      long ticked = p.checklist().items().stream().filter(i -> !p.probesTicking(i.id()).isEmpty()).count();
      out.printf("ok: plan %s: %d items (%d ticked by probes), %d probes, %d gates%n", p.name(),
          p.checklist().items().size(), ticked, p.probes().size(), p.gates().size());
    }
    if (strict && !warnings.isEmpty()) {
      err.println(warnings.size() + (warnings.size() == 1 ? " warning" : " warnings") + " with --strict; fix "
          + (warnings.size() == 1 ? "it" : "them") + " or run without --strict.");
      err.flush();
      return Main.BAD_INPUT;
    }
    err.flush();
    if (withoutSecrets) out.println(notChecked(secrets));
    out.flush();
    return Main.OK;
  }

  /** {@code not checked: 3 secret references (env: A, B; file: /etc/x)}: names only, never a value. */
  static String notChecked(Secrets secrets) {
    List<String> groups = new ArrayList<>();
    if (!secrets.skippedEnv().isEmpty()) groups.add("env: " + String.join(", ", secrets.skippedEnv()));
    if (!secrets.skippedFiles().isEmpty()) groups.add("file: " + String.join(", ", secrets.skippedFiles()));
    int count = secrets.skippedEnv().size() + secrets.skippedFiles().size();
    return "not checked: " + count + " secret reference" + (count == 1 ? "" : "s")
        + (groups.isEmpty() ? "" : " (" + String.join("; ", groups) + ")");
  }
}
