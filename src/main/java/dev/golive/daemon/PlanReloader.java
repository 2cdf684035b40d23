package dev.golive.daemon;

import dev.golive.config.ConfigException;
import dev.golive.config.ConfigProblem;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.http.Access;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads plans while the daemon runs: when a file under a plan folder changes (checked every {@link #POLL_MS} ms:
 * each file's size and modification time), on {@code SIGHUP}, and on {@code POST /-/reload} (write token). A changed
 * plan is loaded and validated first and put in place only when it is valid ({@link Daemon#replacePlan}); an invalid
 * one leaves the running plan as it was, and its problems are logged, served by {@code GET /api/reload}, shown on the
 * status page and counted in {@code golive_config_last_reload_successful} (0), as Prometheus does. Checking and
 * loading run on one named thread, {@code golive-reload} (never an event loop; a Vert.x worker would not do: a new
 * plan needs a fresh event-loop context), one reload at a time; {@link #reload} completes with what it did.
 */
public final class PlanReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlanReloader.class);
  static final long POLL_MS = 2_000;
  private static final int MAX_FILES_PER_PLAN = 1_000;

  /** What one reload did. {@code problems} are {@code file:line:col: message} lines; empty when it succeeded. */
  public record Outcome(Instant at, String cause, boolean successful, List<String> reloaded, List<String> removed,
      List<String> problems) {}

  private final Daemon daemon;
  private final Vertx vertx;
  private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        Thread t = new Thread(r, "golive-reload");
        t.setDaemon(true);
        return t;
      });
  private final java.util.concurrent.atomic.AtomicBoolean pollQueued = new java.util.concurrent.atomic.AtomicBoolean();
  private final List<Path> paths;
  private final Secrets secrets;
  private final AtomicReference<Outcome> last = new AtomicReference<>();
  private volatile double lastSuccess = Instant.now().getEpochSecond();
  private static final String FILES_CHANGED = "files changed";
  /** The folders' fingerprints at the last reload (or start): what the poll compares with. */
  private volatile Map<Path, Map<String, String>> seen;
  private long timer = -1;

  private PlanReloader(Daemon daemon, List<Path> paths, Secrets secrets) {
    this.daemon = daemon;
    this.vertx = daemon.vertx();
    this.paths = List.copyOf(paths);
    this.secrets = secrets;
  }

  /**
   * Watches the plan folders given on the command line ({@code paths}: plan folders or folders of plans), installs
   * the {@code SIGHUP} handler and registers with the daemon. Call once the daemon runs the plans loaded from them.
   */
  public static PlanReloader start(Daemon daemon, List<Path> paths, Secrets secrets, MeterRegistry registry) {
    PlanReloader r = new PlanReloader(daemon, paths, secrets);
    r.seen = r.fingerprints();
    Gauge.builder("golive_config_last_reload_successful", r, x -> x.last.get() == null || x.last.get().successful()
            ? 1 : 0).description("1 when the last reload of the plans succeeded (or none was needed)").register(registry);
    Gauge.builder("golive_config_last_reload_success_timestamp_seconds", r, x -> x.lastSuccess)
        .description("When the plans were last loaded successfully").register(registry);
    r.timer = r.vertx.setPeriodic(POLL_MS, POLL_MS, t -> r.reloadIfChanged());
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> r.reload("SIGHUP"));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.warn("no SIGHUP reload on this platform: {}", e.getMessage());
    }
    daemon.reloader(r);
    return r;
  }

  /** The last reload's outcome, or null when none ran. */
  public Outcome last() {
    return last.get();
  }

  private void reloadIfChanged() {
    if (!pollQueued.compareAndSet(false, true)) return; // the last poll is still waiting or running
    worker.execute(() -> {
      pollQueued.set(false);
      if (!fingerprints().equals(seen)) apply(FILES_CHANGED);
    });
  }

  /** Reloads now; a reload already under way finishes first. */
  public Future<Outcome> reload(String cause) {
    Promise<Outcome> done = Promise.promise();
    try {
      worker.execute(() -> {
        try {
          done.complete(apply(cause));
        } catch (RuntimeException e) {
          LOG.error("reload ({}) failed: {}", cause, e.toString());
          done.fail(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.fail("golive is stopping");
    }
    return done.future();
  }

  /** Loads the changed plan folders (all of them when forced) and puts each valid one in place; blocking. */
  private Outcome apply(String cause) {
    Map<Path, Map<String, String>> now = fingerprints();
    boolean forced = !cause.equals(FILES_CHANGED);
    List<String> problems = new ArrayList<>();
    List<String> reloaded = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    try {
      List<Path> dirs = PlanLoader.planDirectories(paths);
      for (Path dir : dirs) {
        if (!forced && java.util.Objects.equals(now.get(dir), seen.get(dir))) continue;
        try {
          PlanConfig plan = PlanLoader.load(dir, secrets);
          PlanConfig other = daemon.configs().get(plan.name());
          if (other != null && !other.directory().equals(plan.directory())) {
            problems.add(dir.resolve(PlanLoader.PLAN_FILE) + ": plan name '" + plan.name() + "' is already used by "
                + other.directory());
            continue;
          }
          daemon.replacePlan(plan);
          reloaded.add(plan.name());
        } catch (ConfigException e) {
          e.problems().stream().map(ConfigProblem::toString).forEach(problems::add);
        } catch (RuntimeException e) {
          problems.add(dir.resolve(PlanLoader.PLAN_FILE) + ": not reloaded: " + e.getMessage());
        }
      }
      List<PlanConfig> configured;
      synchronized (daemon.configs()) {
        configured = List.copyOf(daemon.configs().values());
      }
      for (PlanConfig c : configured) {
        if (!dirs.contains(c.directory())) {
          daemon.removePlan(c.name());
          removed.add(c.name());
        }
      }
    } catch (ConfigException e) {
      e.problems().forEach(p -> problems.add(p.toString()));
    }
    seen = now; // a broken file is reported once, not on every poll; fixing it is a change again
    List<String> shown = problems.stream().map(secrets::redact).toList();
    Outcome o = new Outcome(Instant.now(), cause, shown.isEmpty(), reloaded, removed, shown);
    last.set(o);
    if (o.successful()) {
      lastSuccess = o.at().getEpochSecond();
      LOG.info("reload ({}): reloaded {}, removed {}", cause, reloaded, removed);
    } else {
      LOG.error("reload ({}) refused {} problem(s); those plans keep running as they were:\n{}", cause, shown.size(),
          String.join("\n", shown));
    }
    return o;
  }

  /** Per plan folder: each regular file below it (relative path) with its size and modification time. */
  private Map<Path, Map<String, String>> fingerprints() {
    Map<Path, Map<String, String>> out = new TreeMap<>();
    List<Path> dirs;
    try {
      dirs = PlanLoader.planDirectories(paths);
    } catch (ConfigException e) {
      return out;
    }
    for (Path dir : dirs) {
      Map<String, String> files = new TreeMap<>();
      try (Stream<Path> s = Files.walk(dir, 3)) {
        s.limit(MAX_FILES_PER_PLAN).forEach(f -> {
          try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            if (a.isRegularFile()) files.put(dir.relativize(f).toString(), a.size() + "@" + a.lastModifiedTime());
          } catch (IOException e) {
            files.put(dir.relativize(f).toString(), "unreadable");
          }
        });
      } catch (IOException | java.io.UncheckedIOException e) {
        files.put("", "unreadable");
      }
      out.put(dir, files);
    }
    return out;
  }

  /** {@code POST /-/reload} (write token) and {@code GET /api/reload} (a read). Mount after the auth handlers. */
  static void mount(Router router, Supplier<PlanReloader> reloader, Access access) {
    router.post("/-/reload").handler(dev.golive.http.ApiRoutes.writeGuard(access));
    router.post("/-/reload").handler(ctx -> {
      PlanReloader r = reloader.get();
      if (r == null) {
        dev.golive.http.ApiRoutes.json(ctx, 404, Map.of("error", "this golive does not reload plans (demo or check)"));
        return;
      }
      r.reload("POST /-/reload").onComplete(ar -> {
        if (ar.failed()) dev.golive.http.ApiRoutes.json(ctx, 500, Map.of("error", String.valueOf(ar.cause().getMessage())));
        else dev.golive.http.ApiRoutes.json(ctx, ar.result().successful() ? 200 : 422, ar.result());
      });
    });
    router.get("/api/reload").handler(ctx -> {
      PlanReloader r = reloader.get();
      Outcome o = r == null ? null : r.last();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("enabled", r != null);
      body.put("last", o);
      dev.golive.http.ApiRoutes.json(ctx, 200, body);
    });
  }

  @Override
  public void close() {
    if (timer >= 0) vertx.cancelTimer(timer);
    worker.shutdownNow();
  }
}
