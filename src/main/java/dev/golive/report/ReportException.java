package dev.golive.report;

/** A report that cannot be made or checked, with the one line to show and the exit code ({@code cli.Main}'s). */
public final class ReportException extends Exception {
  private final int exitCode;

  public ReportException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
