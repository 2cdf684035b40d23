package dev.golive.cli;

import dev.golive.report.ReportException;
import dev.golive.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code golive report}: the evidence pack for a go/no-go sign-off, read from a running daemon's API and sealed with
 * a SHA-256 digest; {@code --verify FILE} checks a signed-off copy later. Exit 0 when written or intact, 1 when the
 * daemon is unreachable or the file was altered, 2 for bad input (options, unknown plan).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the evidence pack of a plan (verdict, gates, every item with its evidence) from a running "
        + "daemon, sealed with a sha256 digest.", "With --verify FILE: check that a report was not altered."})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--plan", paramLabel = "PLAN", description = "The plan to report on.")
    String plan;

    @Option(names = "--verify", paramLabel = "FILE", description = "Check a report's digest; exit 1 if altered.")
    Path verify;
  }

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "The running daemon (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md",
      description = "md (default), json, or html (one self-contained page to open or print).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path output;

  @Option(names = "--token-file", paramLabel = "FILE", description = "A token for a daemon whose reads need one (else "
      + "$GOLIVE_READ_TOKEN, else $GOLIVE_API_TOKEN).")
  Path tokenFile;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "Bound on each API request (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return mode.verify != null ? verify(mode.verify, out, err) : write(out, err);
    } catch (ReportException e) {
      err.println("golive: " + e.getMessage());
      err.flush();
      return e.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int write(PrintWriter out, PrintWriter err) throws ReportException {
    if (!format.equals("md") && !format.equals("json") && !format.equals("html")) {
      throw new ReportException("--format must be md, json or html, got '" + format + "'", Main.BAD_INPUT);
    }
    Duration bound;
    try {
      bound = dev.golive.config.Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new ReportException("--timeout: " + e.getMessage(), Main.BAD_INPUT);
    }
    String text = Reports.make(url, mode.plan, format, bound, token());
    if (output == null) {
      out.print(text);
      return Main.OK;
    }
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException("cannot write " + output + ": " + e.getMessage(), Main.FAILED);
    }
    String digest = format.equals("md") ? text.strip().lines().reduce((a, b) -> b).orElse("") : "";
    err.println("wrote " + output + (digest.isEmpty() ? "" : " (" + digest + ")"));
    return Main.OK;
  }

  private String token() throws ReportException {
    if (tokenFile != null) {
      try {
        return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new ReportException("cannot read --token-file " + tokenFile + ": " + e.getClass().getSimpleName(),
            Main.BAD_INPUT);
      }
    }
    String read = System.getenv("GOLIVE_READ_TOKEN");
    return read != null && !read.isBlank() ? read : System.getenv("GOLIVE_API_TOKEN");
  }

  private int verify(Path file, PrintWriter out, PrintWriter err) throws ReportException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException("cannot read " + file + ": " + e.getMessage(), Main.BAD_INPUT);
    }
    Reports.Verification v = Reports.verify(text);
    if (v.intact()) {
      out.println("intact: " + file + " (" + v.digest() + ")");
      return Main.OK;
    }
    err.println("golive: ALTERED: " + file + " does not match its digest " + v.digest() + "; "
        + (v.altered().isEmpty() ? "the digest lines themselves were changed"
            : "changed: " + String.join("; ", v.altered())));
    return Main.FAILED;
  }
}
