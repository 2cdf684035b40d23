package dev.golive.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code golive} command. Exit codes: 0 success (and Go for {@code check}), 1 No-Go or a startup failure (one
 * clear line), 2 bad input (arguments, plan files: every problem as {@code file:line:col: message}), 3 a
 * {@code check} that did not settle before its deadline.
 */
@Command(name = "golive", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Turns a go-live checklist into live evidence: probes tick items, gates make the Go/No-Go.",
    subcommands = {RunCommand.class, CheckCommand.class, ValidateCommand.class, DemoCommand.class,
        ReportCommand.class, DeployCommand.class, SuggestCommand.class})
public final class Main {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  /** {@code check}: the verdict hinges on items that did not settle before the deadline. */
  public static final int NOT_SETTLED = 3;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; never throws. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
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
