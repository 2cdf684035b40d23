package dev.golive.daemon;

import dev.golive.probe.impl.ConditionalProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How late one plan's probe runs start against their schedule, and whether golive keeps up: behind while a run
 * started later than {@link ConditionalProbe#OVERLOAD_MARGIN}, or a run was inconclusive because golive was
 * overloaded, within the last minute or so (two rotating one-minute windows). Logs a warning at most once a minute
 * while behind. Recorded on the plan's context; {@link #status()} is safe from any thread.
 */
public final class ScheduleLag {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleLag.class);
  private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

  /** What the status page shows: whether golive is behind, the worst lag and the inconclusive runs lately. */
  public record Status(boolean behind, double worstLagSeconds, long inconclusiveRuns, String warning) {}

  private record Window(long start, long worstNanos, long inconclusive) {}

  private final String plan;
  private final List<Consumer<Duration>> listeners = new CopyOnWriteArrayList<>();
  private volatile Window current = new Window(System.nanoTime(), 0, 0);
  private volatile Window previous = new Window(0, 0, 0);
  private long lastWarning = System.nanoTime() - WINDOW_NANOS;

  ScheduleLag(String plan) {
    this.plan = plan;
  }

  /** Called with every run's lag (metrics). */
  public void onLag(Consumer<Duration> listener) {
    listeners.add(listener);
  }

  void lag(Duration lag) {
    Duration shown = lag.isNegative() ? Duration.ZERO : lag;
    listeners.forEach(l -> l.accept(shown));
    Window w = rotate();
    current = new Window(w.start(), Math.max(w.worstNanos(), shown.toNanos()), w.inconclusive());
    if (shown.compareTo(ConditionalProbe.OVERLOAD_MARGIN) > 0) warnIfBehind();
  }

  void inconclusive() {
    Window w = rotate();
    current = new Window(w.start(), w.worstNanos(), w.inconclusive() + 1);
    warnIfBehind();
  }

  private Window rotate() {
    long now = System.nanoTime();
    Window w = current;
    if (now - w.start() < WINDOW_NANOS) return w;
    previous = now - w.start() < 2 * WINDOW_NANOS ? w : new Window(0, 0, 0);
    current = new Window(now, 0, 0);
    return current;
  }

  /** Logs the warning, at most once a minute; called only by what makes golive behind (runs on time cost nothing). */
  private void warnIfBehind() {
    long now = System.nanoTime();
    if (now - lastWarning < WINDOW_NANOS) return;
    Status s = status();
    if (!s.behind()) return;
    lastWarning = now;
    LOG.warn("plan {}: {}", plan, s.warning());
  }

  public Status status() {
    long now = System.nanoTime();
    Window a = current;
    Window b = previous;
    long age = now - a.start();
    // windows older than two minutes no longer count; reading never changes them (the plan's context writes)
    long worst = age < 2 * WINDOW_NANOS ? a.worstNanos() : 0;
    long inconclusive = age < 2 * WINDOW_NANOS ? a.inconclusive() : 0;
    if (age < WINDOW_NANOS) {
      worst = Math.max(worst, b.worstNanos());
      inconclusive += b.inconclusive();
    }
    boolean behind = worst > ConditionalProbe.OVERLOAD_MARGIN.toNanos() || inconclusive > 0;
    String warning = !behind ? null : String.format(java.util.Locale.ROOT,
        "golive cannot keep up with its schedule: in the last minutes probe runs started up to %.1fs late and %d "
            + "run(s) were inconclusive because golive was overloaded (such runs neither fail, regress nor fire a trigger)",
        worst / 1e9, inconclusive);
    return new Status(behind, Math.round(worst / 1e6) / 1e3, inconclusive, warning);
  }
}
