package dev.golive.cli;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistLoader;
import dev.golive.checklist.LoadNote;
import dev.golive.config.ConfigException;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.suggest.PlanWriter;
import dev.golive.suggest.Suggester;
import dev.golive.suggest.Suggestion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code golive suggest CHECKLIST}: a commented golive.yaml skeleton from a checklist. */
@Command(name = "suggest", mixinStandardHelpOptions = true,
    description = "Write a golive.yaml skeleton for a checklist: a probe for every item a rule recognises (thresholds"
        + " from the item's text, placeholders to fill), the rest under manual: with a reason.")
final class SuggestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CHECKLIST", description = "The team's checklist (Markdown, or a flattened page).")
  Path checklist;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the plan (default: golive.yaml next to the checklist).")
  Path out;

  @Option(names = "--service", paramLabel = "NAME", description = "The plan's service name (default: the folder's).")
  String service;

  @Option(names = "--force", description = "Overwrite --out if it exists.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path source = checklist.toAbsolutePath().normalize();
    Path target = (out != null ? out : source.resolveSibling(PlanLoader.PLAN_FILE)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(source)) return bad(err, checklist + ": no such checklist file");
    if (Files.exists(target) && !force) return bad(err, target + ": exists; not overwritten (use --force)");
    Checklist loaded;
    try {
      loaded = ChecklistLoader.load(source);
    } catch (IOException e) {
      return bad(err, checklist + ": cannot read: " + e.getClass().getSimpleName());
    }
    for (LoadNote n : loaded.notes()) {
      err.println(checklist + (n.line() > 0 ? ":" + n.line() : "") + ": note: " + n.message());
    }
    Suggestion s = Suggester.suggest(loaded, serviceName(target));
    String relative = target.getParent().relativize(source).toString().replace('\\', '/');
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(target, PlanWriter.write(s, relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return bad(err, target + ": cannot write: " + e.getClass().getSimpleName());
    }
    stdout.printf("suggest: wrote %s: %d items, %d ticked by %d probes, %d manual%n", target, s.items(),
        s.recognised(), s.probes().size(), s.manual().size());
    stdout.println("  recognised by kind: " + counts(s.recognisedByKind()));
    stdout.println("  manual: " + counts(s.manualByCategory()));
    if (!s.windows().isEmpty() || !s.triggers().isEmpty()) {
      stdout.printf("  after a deployment: %d windows, %d rollback triggers%n", s.windows().size(),
          s.triggers().size());
    }
    stdout.flush();
    return selfCheck(target, err);
  }

  /** The written plan must load; a failure here is a bug of suggest, told as such. */
  private static int selfCheck(Path target, PrintWriter err) {
    if (!target.getFileName().toString().equals(PlanLoader.PLAN_FILE)) return Main.OK;
    try {
      PlanLoader.load(target.getParent(), Secrets.withoutSecrets(Map.of()));
      return Main.OK;
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      err.println("golive: the suggested plan does not validate (a bug in suggest); fix the lines above");
      err.flush();
      return Main.FAILED;
    }
  }

  private String serviceName(Path target) {
    if (service != null) return service;
    Path dir = target.getParent().getFileName();
    String name = dir == null ? "service"
        : dir.toString().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[._-]+", "");
    return name.isEmpty() ? "service" : name;
  }

  private static String counts(Map<String, Integer> m) {
    return m.isEmpty() ? "none" : m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static int bad(PrintWriter err, String message) {
    err.println("golive: " + message);
    err.flush();
    return Main.BAD_INPUT;
  }
}
