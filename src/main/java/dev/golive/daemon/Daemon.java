package dev.golive.daemon;

import dev.golive.alert.AlertSink;
import dev.golive.cluster.ClusterSetup;
import dev.golive.alert.Notifiers;
import dev.golive.alert.Outbox;
import dev.golive.config.NotifierConfig;
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
  // changed only under synchronized (this); read by the maps' ordering
  private final Map<String, PlanConfig> configs = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  // the plans running here (all of them, or this replica's share of a cluster), in configuration order
  private final Map<String, PlanRuntime> runtimes = new java.util.concurrent.ConcurrentSkipListMap<>(this::byOrder);
  private final Map<String, Rollout> rollouts = new java.util.concurrent.ConcurrentSkipListMap<>(this::byOrder);
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean firstResult = new AtomicBoolean();
  private final java.util.Set<String> starting = new java.util.HashSet<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Vertx vertx;
  private HttpServer server;
  private Outbox outbox;
  private JdbcStore store;
  // set by doStart: the store being opened on its own thread (closed by close() if the start failed before it was used)
  private java.util.concurrent.CompletableFuture<JdbcStore> storeOpening;
  private Store planStore;
  private WorkerExecutor storeWorkers;
  private ProbeEnvironment env;
  private RolloutStore rolloutStore;
  private ProbeScheduler scheduler;
  private volatile PlanReloader reloader;
  ClusterSetup cluster;

  private Daemon() {}

  private int byOrder(String a, String b) {
    List<String> names;
    synchronized (configs) {
      names = new ArrayList<>(configs.keySet());
    }
    int c = Integer.compare(names.indexOf(a), names.indexOf(b));
    return c != 0 ? c : a.compareTo(b);
  }

  /**
   * Starts one configured plan in this process: restores its stored states, resumes its deployment's windows and
   * triggers, delivers its stored alerts, binds its metrics and schedules its probes. Completes once it runs (at once
   * when it already does). Safe from any thread; the reusable step behind cluster leases (and plan reloads).
   */
  public Future<Void> activate(String name) {
    PlanConfig plan = configs.get(name);
    if (plan == null) return Future.failedFuture("no plan " + name);
    PlanRuntime runtime;
    Rollout rollout;
    synchronized (this) {
      if (closed.get()) return Future.failedFuture("the daemon is stopping");
      if (runtimes.containsKey(name) || starting.contains(name)) return Future.succeededFuture();
      starting.add(name);
      // a context of its own on the next event loop (not the caller's): plans are shared out over the loops
      runtime = new PlanRuntime(plan, ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext(), planStore,
          storeWorkers, env);
      runtime.onResult(this::logFirstResult);
      rollout = newRollout(runtime);
    }
    return outbox.activate(name).compose(v -> runtime.restore()).compose(v -> rollout.start()).compose(v -> {
      synchronized (this) {
        starting.remove(name);
        if (closed.get()) return Future.failedFuture("the daemon is stopping");
        PlanMetrics.bind(registry, runtime);
        RolloutMetrics.bind(registry, rollout);
        runtimes.put(name, runtime);
        rollouts.put(name, rollout);
        try {
          scheduler.schedule(runtime);
        } catch (org.quartz.SchedulerException e) {
          return Future.failedFuture("cannot schedule the probes of " + name + ": " + e.getMessage());
        }
      }
      LOG.info("plan {}: {} items, {} probes, {} gates", name, plan.checklist().items().size(),
          plan.probes().size(), runtime.verdict().gates().size());
      return Future.<Void>succeededFuture();
    }).onFailure(e -> {
      synchronized (this) {
        starting.remove(name);
      }
      rollout.close();
      runtime.close();
    });
  }

  /**
   * Stops one plan in this process (its lease went to another replica): probes, window timers, alert deliveries and
   * its metrics. Stored state stays for whoever runs it next. Safe from any thread; completes when it stopped.
   */
  public Future<Void> deactivate(String name) {
    PlanRuntime runtime;
    Rollout rollout;
    synchronized (this) {
      runtime = runtimes.remove(name);
      rollout = rollouts.remove(name);
    }
    if (runtime == null) return Future.succeededFuture();
    try {
      scheduler.unschedule(name);
    } catch (org.quartz.SchedulerException e) {
      LOG.warn("plan {}: unscheduling: {}", name, e.getMessage());
    }
    rollout.close();
    PlanMetrics.unbind(registry, name);
    LOG.info("plan {}: stopped here", name);
    return outbox.deactivate(name).andThen(ar -> runtime.context().runOnContext(v -> runtime.close()));
  }

  private Rollout newRollout(PlanRuntime runtime) {
    String name = runtime.name();
    AlertSink sink = cluster == null ? outbox.forPlan(name) : cluster.sink(outbox.forPlan(name), vertx);
    return new Rollout(runtime, rolloutStore, storeWorkers, sink, Clock.systemUTC());
  }

  /**
   * Puts a changed (or new) plan in place while the daemon runs (a reload). Where the plan runs here, a new runtime
   * restores the stored item states, deployments and trigger states, adopts the last results of the probes that did
   * not change and takes over their schedule; changed and new probes are scheduled afresh, removed ones stopped. A
   * new plan starts (on a cluster: when a lease gives it to this replica). Blocking; never on an event loop.
   *
   * @throws IllegalStateException when the plan cannot be swapped (its notifiers changed: they apply at start)
   */
  public void replacePlan(PlanConfig plan) {
    String name = plan.name();
    PlanRuntime old;
    synchronized (this) {
      PlanConfig before = configs.get(name);
      if (before != null && !before.notifiers().equals(plan.notifiers())) {
        throw new IllegalStateException("notify: changed; notifiers are set up at start: restart golive to apply");
      }
      configs.put(name, plan);
      old = runtimes.get(name);
    }
    if (old == null) {
      if (cluster == null) await(activate(name), "starting plan " + name);
      return;
    }
    java.util.Set<String> unchanged = ProbeConfigs.unchanged(old.plan(), plan);
    PlanRuntime fresh = new PlanRuntime(plan, old.context(), planStore, storeWorkers, env); // the plan keeps its loop
    fresh.adoptResults(old, unchanged);
    old.retire(); // from here on the fresh runtime owns the plan's state
    Rollout oldRollout = rollouts.remove(name);
    if (oldRollout != null) oldRollout.close();
    PlanMetrics.unbind(registry, name);
    Rollout rollout = newRollout(fresh);
    await(fresh.restore().compose(v -> rollout.start()), "restoring plan " + name);
    PlanMetrics.bind(registry, fresh);
    RolloutMetrics.bind(registry, rollout);
    runtimes.put(name, fresh);
    rollouts.put(name, rollout);
    try {
      scheduler.replace(fresh, unchanged);
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException("cannot schedule the probes of " + name + ": " + e.getMessage(), e);
    }
    old.close();
    LOG.info("plan {} reloaded: {} items, {} probes ({} kept their schedule), {} gates", name,
        plan.checklist().items().size(), plan.probes().size(), unchanged.size(), fresh.verdict().gates().size());
  }

  /** Stops a plan whose folder is gone; its stored state stays (a plan that comes back resumes). Blocking. */
  public void removePlan(String name) {
    await(deactivate(name), "stopping plan " + name);
    synchronized (this) {
      configs.remove(name);
    }
    LOG.info("plan {} removed", name);
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
    cluster = ClusterSetup.replicaId(options);
    // the store opens (a first start also creates its schema) on a thread of its own while Vert.x starts
    storeOpening = new java.util.concurrent.CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        storeOpening.complete(openStore(options, cluster));
      } catch (Throwable e) {
        storeOpening.completeExceptionally(e);
      }
    }, "golive-store-open");
    opener.setDaemon(true);
    opener.start();
    vertx = Vertx.builder()
        .with(new VertxOptions().setPreferNativeTransport(true)
            .setEventLoopPoolSize(eventLoops())
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            // probe traffic is measured by golive's own series; per-request client meters would cost every run
            .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_CLIENT)
            .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.NET_CLIENT)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    storeWorkers = vertx.createSharedWorkerExecutor("golive-store", STORE_THREADS);
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("golive-blocking", BLOCKING_THREADS);
    env = new ProbeEnvironment(vertx, blocking, secrets);
    resources.add(env);
    store = joinStore();
    resources.add(store);
    // an info metric proper: Micrometer would strip the _info suffix from a gauge
    io.prometheus.metrics.core.metrics.Info.builder().name(MetricNames.BUILD_INFO).help("golive's version")
        .labelNames("version").register(registry.getPrometheusRegistry()).addLabelValues(version());
    Gauge.builder(MetricNames.PLANS, runtimes, Map::size).description("Plans loaded").register(registry);
    Map<String, List<NotifierConfig>> notify = new LinkedHashMap<>();
    for (PlanConfig plan : plans) notify.put(plan.name(), plan.notifiers());
    outbox = Notifiers.outbox(vertx, store.dataSource(), storeWorkers, registry, notify,
        options.publicUrl());
    resources.add(0, outbox);
    if (cluster != null) outbox.deliverOnly(runtimes::containsKey);
    await(outbox.start(), "reloading the alert outbox");

    rolloutStore = cluster == null ? new RolloutStore(store.dataSource()) : cluster.rolloutStore(store.dataSource());
    planStore = cluster == null ? store : cluster.store(store);
    scheduler = newScheduler();
    resources.add(0, scheduler);
    // probes start as their plan is restored, before the next plan's restore and before the API listens: the first
    // result waits for neither (every plan was checked before; a plan or port that then fails still stops everything)
    try {
      scheduler.start();
    } catch (org.quartz.SchedulerException e) {
      throw new IllegalStateException("cannot schedule probes: " + e.getMessage(), e);
    }
    for (PlanConfig plan : plans) {
      configs.put(plan.name(), plan);
      if (!plan.checklist().notes().isEmpty()) { // once, whichever replica runs the plan
        LOG.warn("plan {}: checklist {}: {}", plan.name(), plan.checklist().file(), plan.checklist().notes().stream()
            .map(dev.golive.checklist.LoadNote::toString).collect(java.util.stream.Collectors.joining("; ")));
      }
    }
    if (cluster == null) {
      List<Future<Void>> restored = new ArrayList<>();
      for (PlanConfig plan : plans) restored.add(activate(plan.name()));
      await(Future.all(restored), "restoring stored states");
    }

    dev.golive.http.Access access = new dev.golive.http.Access(options.token(), options.readToken());
    Router router = ApiRoutes.router(vertx, runtimes, store, storeWorkers, () -> PlanMetrics.scrape(registry),
        () -> ready.get() && (cluster == null || cluster.healthy()), access);
    RolloutRoutes.mount(router, rollouts);
    PlanReloader.mount(router, () -> reloader, access);
    server = await(vertx.createHttpServer()
        .requestHandler(router)
        .listen(options.port(), options.host()), "listening on " + options.host() + ":" + options.port());
    // the JVM's own series, after the probes have started (they load the management beans: a tenth of a second)
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    if (cluster != null) cluster.join(this, store.dataSource(), router, options, server.actualPort());
    ready.set(true);
    LOG.info("network: {}, {} event loops", vertx.isNativeTransportEnabled() ? "native epoll transport"
        : "Java NIO (native transport unavailable: " + vertx.unavailableNativeTransportCause() + ")", eventLoops());
    LOG.info("store: {}", options.storeDescription());
    LOG.info("writes: {}", access.writesEnabled() ? "need the bearer token" : "refused (no API token configured)");
    LOG.info("reads: {}", access.readsNeedToken() ? "need the read token (or the write token)"
        : "open (set --read-token-file or GOLIVE_READ_TOKEN to require a token)");
    LOG.info("scheduled {} probes in {} plans{}", scheduler.scheduledProbes(), runtimes.size(),
        cluster == null ? "" : " (this replica's share, as " + cluster.id() + ")");
    LOG.info("listening on http://{}:{}/ (API /api, metrics /metrics)", options.host(), server.actualPort());
  }

  /** The store {@link #doStart} opened on its own thread; its failure as thrown by {@link #openStore}. */
  private JdbcStore joinStore() {
    try {
      return storeOpening.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error r) throw r;
      throw e;
    }
  }

  private static JdbcStore openStore(DaemonOptions options, ClusterSetup cluster) {
    if (cluster != null) {
      return JdbcStore.openReplica(options.storeUrl(), options.storeUser(), options.storePassword(), cluster.id(),
          cluster.tokens());
    }
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

  /** The configured plans by name (all of them, whichever replica runs them). */
  public Map<String, PlanConfig> configs() {
    return configs;
  }

  /**
   * One event loop per core (Vert.x's default is two): nothing blocks a loop, and with fewer loops each wakes up for
   * more work at a time (1,000 runs a second on 2 cores: 0.255 instead of 0.284 ms of CPU per run). The system
   * property {@code golive.eventLoops} overrides it.
   */
  static int eventLoops() {
    return Math.max(1, Integer.getInteger("golive.eventLoops", Math.max(2, Runtime.getRuntime().availableProcessors())));
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
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) return;
    }
    ready.set(false);
    if (storeOpening != null && store == null) storeOpening.thenAccept(JdbcStore::close);
    if (reloader != null) close(reloader);
    if (cluster != null) cluster.stopLoop();
    rollouts.values().forEach(Rollout::close);
    for (AutoCloseable r : resources) {
      if (r instanceof ProbeScheduler || r instanceof ProbeEnvironment || r instanceof Outbox) close(r);
      if (r instanceof ProbeScheduler) runtimes.values().forEach(PlanRuntime::close);
    }
    awaitStored();
    if (cluster != null) cluster.close();
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

  /** Waits (at most 10 s) until every state change of every plan is in the store, before the store pool closes. */
  private void awaitStored() {
    if (vertx == null || runtimes.isEmpty()) return;
    try {
      Future.all(runtimes.values().stream().map(PlanRuntime::stored).toList()).toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("stopping before every state change was stored ({}): the last changes are lost",
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static void close(AutoCloseable r) {
    try {
      r.close();
    } catch (Exception e) {
      LOG.warn("closing {}: {}", r.getClass().getSimpleName(), e.getMessage());
    }
  }
}
