package dev.golive.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code golive} command. Exit codes: 0 success (and Go for {@code check}), 1 No-Go or a startup failure (one
 * clear line), 2 bad input (arguments, plan files: every problem as {@code file:line:col: message}), 3 a
 * {@code check} that did not settle before its deadline.
 */
@Command(name = "golive", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Turns a go-live checklist into live evidence: probes tick items, gates make the Go/No-Go.")
public final class Main {
  /**
   * The subcommands in the order help lists them. A command line naming one builds only that one: picocli reads each
   * command's annotations and creates its object (and whatever its fields hold) up front, which costs a start time
   * for commands that do not run.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("run", RunCommand::new);
    COMMANDS.put("check", CheckCommand::new);
    COMMANDS.put("validate", ValidateCommand::new);
    COMMANDS.put("demo", DemoCommand::new);
    COMMANDS.put("report", ReportCommand::new);
    COMMANDS.put("deploy", DeployCommand::new);
    COMMANDS.put("suggest", SuggestCommand::new);
  }

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  /** {@code check}: the verdict hinges on items that did not settle before the deadline. */
  public static final int NOT_SETTLED = 3;

  public static void main(String[] args) {
    // Netty's buffer allocator reports chunk allocations as JFR events unless told not to; the first one sets up the
    // flight recorder's event metadata (about 0.2 s) on an event loop, in front of the first probe's request.
    // -Dio.netty.jfr.enabled=true brings the events back for profiling.
    if (System.getProperty("io.netty.jfr.enabled") == null) System.setProperty("io.netty.jfr.enabled", "false");
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; never throws. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
    if (named != null) {
      cli.addSubcommand(named.get());
    } else {
      COMMANDS.values().forEach(c -> cli.addSubcommand(c.get()));
    }
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("golive: " + e.getMessage());
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
          + " --help'.");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, c, p) -> {
      c.getErr().println("golive: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return FAILED;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"golive " + (v == null ? "dev" : v)};
    }
  }
}
