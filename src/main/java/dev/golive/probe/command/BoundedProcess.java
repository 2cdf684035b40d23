package dev.golive.probe.command;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one program without a shell, with exactly the given environment, no stdin, stdout and stderr each captured up
 * to a byte cap (the rest is drained and discarded, so the program never blocks on a full pipe), and a deadline after
 * which the program (and, when asked, every descendant) is killed. {@link #run} blocks: call it on a worker thread.
 * Thread-safe; the two pipe readers run on a shared daemon pool.
 */
public final class BoundedProcess {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "golive-process-io-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });
  /** How long to wait for the pipes to close after the program ended (a detached grandchild may keep them open). */
  private static final long DRAIN_GRACE_MS = 500;

  private BoundedProcess() {}

  /** What a finished program left behind. */
  public record Result(int exitCode, String stdout, boolean stdoutTruncated, String stderr, boolean stderrTruncated,
      Duration duration) {}

  /** The program did not finish before its deadline and was killed. */
  public static final class DeadlineException extends TimeoutException {
    DeadlineException(String message) {
      super(message);
    }
  }

  /**
   * Starts {@code argv} in {@code dir} (null: the current directory) with exactly {@code environment}, waits at most
   * {@code timeout}, and returns its exit code and capped output.
   *
   * @throws DeadlineException when the deadline passed; the process (and its tree when {@code killTree}) was killed
   * @throws IOException when the program cannot be started (not found, not executable)
   */
  public static Result run(List<String> argv, Map<String, String> environment, Path dir, Duration timeout,
      int maxOutput, boolean killTree) throws IOException, InterruptedException, DeadlineException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(environment);
    if (dir != null) pb.directory(dir.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    Sink out = new Sink(maxOutput);
    Sink err = new Sink(maxOutput);
    Future<?> outPump = PUMPS.submit(() -> out.drain(p.getInputStream()));
    Future<?> errPump = PUMPS.submit(() -> err.drain(p.getErrorStream()));
    boolean finished;
    try {
      finished = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      kill(p, killTree);
      throw e;
    }
    if (!finished) {
      int killed = kill(p, killTree);
      outPump.cancel(true);
      errPump.cancel(true);
      throw new DeadlineException("'" + argv.get(0) + "' did not finish within " + timeout.toMillis() + "ms; killed "
          + (killed == 1 ? "it" : "it and " + (killed - 1) + " descendant process(es)"));
    }
    await(outPump);
    await(errPump);
    return new Result(p.exitValue(), out.text(), out.truncated(), err.text(), err.truncated(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Kills descendants first (they are found through the parent), then the process; returns how many were killed. */
  static int kill(Process p, boolean tree) {
    List<ProcessHandle> victims = new ArrayList<>();
    if (tree) p.descendants().forEach(victims::add);
    victims.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return victims.size() + 1;
  }

  private static void await(Future<?> pump) throws InterruptedException {
    try {
      pump.get(DRAIN_GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      pump.cancel(true);
    }
  }

  /** Keeps the first {@code cap} bytes of a stream and counts (then discards) the rest. */
  static final class Sink {
    private final int cap;
    private final ByteArrayOutputStream kept;
    private boolean truncated;

    Sink(int cap) {
      this.cap = cap;
      this.kept = new ByteArrayOutputStream(Math.min(cap, 8192));
    }

    Void drain(InputStream in) throws IOException {
      byte[] buf = new byte[8192];
      try (in) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          synchronized (this) {
            int room = cap - kept.size();
            if (n > room) truncated = true;
            if (room > 0) kept.write(buf, 0, Math.min(n, room));
          }
        }
      }
      return null;
    }

    synchronized String text() {
      return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
      return truncated;
    }
  }
}
