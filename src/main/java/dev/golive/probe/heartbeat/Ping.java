package dev.golive.probe.heartbeat;

import java.time.Instant;

/**
 * The latest ping of one heartbeat: when it arrived, whether the job reported success, its (bounded) message, and
 * how many pings arrived in total.
 */
public record Ping(Instant at, boolean ok, String message, long count) {
  /** The longest message kept; longer ones are cut. */
  public static final int MAX_MESSAGE = 500;

  public Ping {
    message = bound(message);
  }

  public String status() {
    return ok ? "ok" : "fail";
  }

  /** A short, printable echo of a rejected value for an error message. */
  public static String boundForError(String text) {
    String b = bound(text);
    return b.length() > 40 ? b.substring(0, 37) + "..." : b;
  }

  /** Drops control characters and cuts the text to {@link #MAX_MESSAGE} characters; null and blank become "". */
  static String bound(String message) {
    if (message == null) return "";
    String clean = message.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").strip();
    return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE - 3) + "..." : clean;
  }
}
