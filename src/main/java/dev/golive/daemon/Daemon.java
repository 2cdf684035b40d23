package dev.golive.daemon;

import dev.golive.alert.AlertSink;
import dev.golive.alert.Notifiers;
import dev.golive.alert.Outbox;
import dev.golive.config.NotifierConfig;
import dev.golive.checklist.LoadNote;
import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.http.ApiRoutes;
import dev.golive.metrics.MetricNames;
import dev.golive.metrics.PlanMetrics;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.rollout.Rollout;
import dev.golive.rollout.RolloutMetrics;
import dev.golive.rollout.RolloutRoutes;
import dev.golive.rollout.RolloutStore;
import dev.golive.store.JdbcStore;
import dev.golive.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: Vert.x with Micrometer metrics, the store, one {@link PlanRuntime} per plan on its own
 * event-loop context, the Quartz scheduler and the HTTP server. {@link #start} blocks the calling thread (not an
 * event loop) until the daemon listens; {@link #close} stops everything and is safe to call twice.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private static final int STORE_THREADS = 4;
  private static final int BLOCKING_THREADS = 16;
  private static final long START_TIMEOUT_S = 60;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  // read by HTTP handlers on event loops while a reload swaps a plan: concurrent, in plan-name order
  private final Map<String, PlanRuntime> runtimes = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final Map<String, Rollout> rollouts = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean firstResult = new AtomicBoolean();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Vertx vertx;
  private HttpServer server;
  private Outbox outbox;
  private JdbcStore store;
  private WorkerExecutor storeWorkers;
  private ProbeEnvironment env;
  private RolloutStore rolloutStore;
  private ProbeScheduler scheduler;
  private volatile PlanReloader reloader;

  private Daemon() {}

  /**
   * Starts every plan and listens. Throws {@link IllegalStateException} with a one-line reason when something
   * cannot start (port taken, store unreachable); whatever was started is closed again.
   */
  public static Daemon start(List<PlanConfig> plans, DaemonOptions options, Secrets secrets) {
    Daemon d = new Daemon();
    try {
      d.doStart(plans, options, secrets);
      return d;
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
  }

  private void doStart(List<PlanConfig> plans, DaemonOptions options, Secrets secrets) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // an info metric proper: Micrometer would strip the _info suffix from a gauge
    io.prometheus.metrics.core.metrics.Info.builder().name(MetricNames.BUILD_INFO).help("golive's version")
        .labelNames("version").register(registry.getPrometheusRegistry()).addLabelValues(version());
    Gauge.builder(MetricNames.PLANS, runtimes, Map::size).description("Plans loaded").register(registry);

    store = openStore(options);
    resources.add(store);
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    storeWorkers = vertx.createSharedWorkerExecutor("golive-store", STORE_THREADS);
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("golive-blocking", BLOCKING_THREADS);
    env = new ProbeEnvironment(vertx, blocking, secrets);
    resources.add(env);
    Map<String, List<NotifierConfig>> notify = new LinkedHashMap<>();
    for (PlanConfig plan : plans) notify.put(plan.name(), plan.notifiers());
    outbox = Notifiers.outbox(vertx, store.dataSource(), storeWorkers, registry, notify,
        options.publicUrl());
    resources.add(0, outbox);
    await(outbox.start(), "reloading the alert outbox");

    List<Future<Void>> restored = new ArrayList<>();
    rolloutStore = new RolloutStore(store.dataSource());
    for (PlanConfig plan : plans) {
      PlanRuntime runtime = new PlanRuntime(plan, vertx.getOrCreateContext(), store, storeWorkers, env);
      restored.add(activate(runtime));
      LOG.info("plan {}: {} items, {} probes, {} gates", plan.name(), plan.checklist().items().size(),
          plan.probes().size(), runtime.verdict().gates().size());
      if (!plan.checklist().notes().isEmpty()) {
        LOG.warn("plan {}: checklist {}: {}", plan.name(), plan.checklist().file(), plan.checklist().notes().stream()
            .map(LoadNote::toString).collect(Collectors.joining("; ")));
      }
    }
    await(Future.all(restored), "restoring stored states");

    scheduler = newScheduler();
    resources.add(0, scheduler);
    dev.golive.http.Access access = new dev.golive.http.Access(options.token(), options.readToken());
    Router router = ApiRoutes.router(vertx, runtimes, store, storeWorkers, registry::scrape, ready::get, access);
    RolloutRoutes.mount(router, rollouts);
    PlanReloader.mount(router, () -> reloader, access);
    server = await(vertx.createHttpServer()
        .requestHandler(router)
        .listen(options.port(), options.host()), "listening on " + options.host() + ":" + options.port());
    try {
      for (PlanRuntime r : runtimes.values()) scheduler.schedule(r);
      scheduler.start();
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException("cannot schedule probes: " + e.getMessage(), e);
    }
    ready.set(true);
    LOG.info("store: {}", options.storeDescription());
    LOG.info("writes: {}", access.writesEnabled() ? "need the bearer token" : "refused (no API token configured)");
    LOG.info("reads: {}", access.readsNeedToken() ? "need the read token (or the write token)"
        : "open (set --read-token-file or GOLIVE_READ_TOKEN to require a token)");
    LOG.info("scheduled {} probes in {} plans", scheduler.scheduledProbes(), runtimes.size());
    LOG.info("listening on http://{}:{}/ (API /api, metrics /metrics)", options.host(), server.actualPort());
  }

  /** Binds a new runtime's metrics and rollout and makes it the plan's; completes once stored state is restored. */
  private Future<Void> activate(PlanRuntime runtime) {
    String name = runtime.name();
    PlanMetrics.bind(registry, runtime);
    runtime.onResult(this::logFirstResult);
    Rollout rollout = new Rollout(runtime, rolloutStore, storeWorkers, outbox.forPlan(name), Clock.systemUTC());
    RolloutMetrics.bind(registry, rollout);
    return runtime.restore().compose(v -> rollout.start()).onSuccess(v -> {
      runtimes.put(name, runtime);
      rollouts.put(name, rollout);
    });
  }

  /**
   * Puts a changed (or new) plan in place while the daemon runs: a new runtime restores the stored item states,
   * deployments and trigger states, adopts the last results of the probes that did not change, and takes over their
   * schedule; changed and new probes are scheduled afresh, removed ones stopped. Blocking (not on an event loop).
   *
   * @throws IllegalStateException when the plan cannot be swapped (its notifiers changed: they apply at start)
   */
  public void replacePlan(PlanConfig plan) {
    PlanRuntime old = runtimes.get(plan.name());
    if (old != null && !old.plan().notifiers().equals(plan.notifiers())) {
      throw new IllegalStateException("notify: changed; notifiers are set up at start: restart golive to apply");
    }
    PlanRuntime fresh = new PlanRuntime(plan, vertx.getOrCreateContext(), store, storeWorkers, env);
    java.util.Set<String> unchanged = old == null ? java.util.Set.of() : ProbeConfigs.unchanged(old.plan(), plan);
    if (old != null) {
      fresh.adoptResults(old, unchanged);
      old.retire(); // from here on the fresh runtime owns the plan's state
      Rollout oldRollout = rollouts.remove(plan.name());
      if (oldRollout != null) oldRollout.close();
      removeMeters(plan.name());
    }
    await(activate(fresh), "restoring plan " + plan.name());
    try {
      scheduler.replace(fresh, unchanged);
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException("cannot schedule the probes of " + plan.name() + ": " + e.getMessage(), e);
    }
    if (old != null) old.close();
    LOG.info("plan {} reloaded: {} items, {} probes ({} kept their schedule), {} gates", plan.name(),
        plan.checklist().items().size(), plan.probes().size(), unchanged.size(), fresh.verdict().gates().size());
  }

  /** Stops a plan whose folder is gone; its stored state stays (a plan that comes back resumes). Blocking. */
  public void removePlan(String name) {
    PlanRuntime old = runtimes.remove(name);
    if (old == null) return;
    try {
      scheduler.remove(name);
    } catch (org.quartz.SchedulerException e) {
      LOG.warn("unscheduling plan {}: {}", name, e.getMessage());
    }
    Rollout rollout = rollouts.remove(name);
    if (rollout != null) rollout.close();
    removeMeters(name);
    old.close();
    LOG.info("plan {} removed", name);
  }

  private void removeMeters(String plan) {
    PlanMetrics.unbind(registry, plan);
  }

  ProbeScheduler scheduler() {
    return scheduler;
  }

  /** What {@code SIGHUP}, {@code POST /-/reload} and the folder watch use; set once by the command that loads plans. */
  public void reloader(PlanReloader reloader) {
    this.reloader = reloader;
  }

  /** One line at the first probe result, with the time since the JVM started (the start time users wait for). */
  private void logFirstResult(dev.golive.probe.ProbeResult r) {
    if (firstResult.compareAndSet(false, true)) {
      LOG.info("first probe result ({}: {}) {} ms after the JVM started", r.probeId(), r.success() ? "pass" : "fail",
          java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }
  }

  private static JdbcStore openStore(DaemonOptions options) {
    if (options.storeUrl() != null) {
      return JdbcStore.open(options.storeUrl(), options.storeUser(), options.storePassword());
    }
    try {
      Files.createDirectories(options.dataDir());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create data directory " + options.dataDir() + ": " + e.getMessage());
    }
    return JdbcStore.embedded(options.dataDir());
  }

  private static ProbeScheduler newScheduler() {
    try {
      return new ProbeScheduler();
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      throw new IllegalStateException(what + " failed: " + (c.getMessage() == null ? c : c.getMessage()), c);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(what + " did not finish within " + START_TIMEOUT_S + "s");
    }
  }

  static String version() {
    String v = Daemon.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The port the HTTP server listens on (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** The post-deploy part of each plan (deployments, windows, triggers), by plan name. */
  public Map<String, Rollout> rollouts() {
    return rollouts;
  }

  public Map<String, PlanRuntime> runtimes() {
    return runtimes;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The daemon's Vert.x instance (for embedding and benchmarks). */
  public Vertx vertx() {
    return vertx;
  }

  /** Where {@code plan}'s trigger changes go: the durable outbox, or a sink that drops them when it has no notifiers. */
  public AlertSink alertSink(String plan) {
    return outbox == null ? AlertSink.none() : outbox.forPlan(plan);
  }

  public boolean ready() {
    return ready.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    ready.set(false);
    if (reloader != null) close(reloader);
    rollouts.values().forEach(Rollout::close);
    for (AutoCloseable r : resources) {
      if (r instanceof ProbeScheduler || r instanceof ProbeEnvironment || r instanceof Outbox) close(r);
      if (r instanceof ProbeScheduler) runtimes.values().forEach(PlanRuntime::close);
    }
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
      }
    }
    for (AutoCloseable r : resources) {
      if (!(r instanceof ProbeScheduler || r instanceof ProbeEnvironment || r instanceof Outbox)) close(r);
    }
    registry.close();
  }

  private static void close(AutoCloseable r) {
    try {
      r.close();
    } catch (Exception e) {
      LOG.warn("closing {}: {}", r.getClass().getSimpleName(), e.getMessage());
    }
  }
}
