package dev.golive.probe.impl;

import io.vertx.core.Context;

/**
 * Notices when an event loop runs late: a periodic timer on the context measures how late each tick fires, and keeps
 * the last stalls (a tick later than the margin). One per context, created on first use and kept in the context's
 * data; used only from that context's thread. A probe run asks {@link #stallDuring} when it ends: a stall that
 * overlapped the run, or a tick that is overdue right now, means golive (GC, a blocked loop, CPU starvation) and not
 * the target may have made the run slow.
 */
final class LoopWatch {
  static final long PERIOD_MS = 200;
  private static final String KEY = "golive.loop-watch";
  private static final int KEEP = 16;

  private final long[] stallStart = new long[KEEP];
  private final long[] stallEnd = new long[KEEP];
  private int stalls;
  private long expected;

  private LoopWatch() {}

  /** The watch of {@code context}, started on first use. Call on the context's thread. */
  static LoopWatch of(Context context) {
    LoopWatch w = context.get(KEY);
    if (w == null) {
      w = new LoopWatch();
      context.put(KEY, w);
      w.expected = System.nanoTime() + PERIOD_MS * 1_000_000;
      LoopWatch watch = w;
      context.owner().setPeriodic(PERIOD_MS, PERIOD_MS, id -> watch.tick(System.nanoTime()));
    }
    return w;
  }

  private void tick(long now) {
    long late = now - expected;
    if (late > 50_000_000L) {
      int i = stalls++ % KEEP;
      stallStart[i] = expected;
      stallEnd[i] = now;
    }
    expected = now + PERIOD_MS * 1_000_000;
  }

  /**
   * The longest stall longer than {@code marginNanos} that overlapped {@code [fromNanos, now]}, counting a tick overdue
   * now as a stall still going; 0 when none.
   */
  long stallDuring(long fromNanos, long marginNanos) {
    long now = System.nanoTime();
    long worst = Math.max(0, now - expected);
    for (int k = 0; k < Math.min(stalls, KEEP); k++) {
      if (stallEnd[k] >= fromNanos) worst = Math.max(worst, stallEnd[k] - stallStart[k]);
    }
    return worst > marginNanos ? worst : 0;
  }
}
