package dev.golive.http;

/**
 * Who may use the HTTP surface. Writes (manual ticks, deployments) always need {@code writeToken}; without one every
 * write is refused. Reads (the API, the live checklist, {@code /metrics}) are open unless {@code readToken} is set,
 * then they need it or the write token. {@code /healthz}, {@code /readyz}, {@code /api/server}, the status page's
 * shell and heartbeat pings (which carry their own tokens) stay open.
 */
public record Access(String writeToken, String readToken) {
  public Access {
    writeToken = blankToNull(writeToken);
    readToken = blankToNull(readToken);
  }

  /** Reads open, writes with {@code writeToken} (null refuses every write). */
  public static Access writes(String writeToken) {
    return new Access(writeToken, null);
  }

  public boolean writesEnabled() {
    return writeToken != null;
  }

  public boolean readsNeedToken() {
    return readToken != null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
