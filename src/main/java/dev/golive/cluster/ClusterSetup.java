package dev.golive.cluster;

import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.golive.store.FencingTokens;
import javax.sql.DataSource;

/**
 * Wires a daemon on a PostgreSQL store into the cluster: a replica id kept under the data directory
 * ({@code replica-id}, so a restarted replica is the same one and finds its held-back changes), the {@link Cluster}
 * loop running the daemon's plans through {@link Daemon#activate}/{@link Daemon#deactivate}, the forwarding routes
 * and the cluster metrics. The address other replicas forward to is {@code GOLIVE_ADVERTISE_URL}, else
 * {@code http://<host or hostname>:<port>}.
 */
public final class ClusterSetup {
  /** How long a lease lives without renewal (database clock), and how often it is renewed. */
  public static final Duration LEASE_TTL = Duration.ofSeconds(10);
  public static final Duration RENEW_EVERY = Duration.ofSeconds(2);

  /** The most state changes held back during a database outage (about 30 MB at most). */
  public static final int BUFFER_CAPACITY = 20_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterSetup.class);

  private final String id;
  private java.nio.channels.FileChannel lock;
  private final FencingTokens tokens = new FencingTokens();
  private final WriteBuffer buffer;
  private volatile Cluster cluster;
  private com.zaxxer.hikari.HikariDataSource leasePool;
  private volatile boolean stopping;

  private ClusterSetup(java.nio.file.Path dataDir) {
    java.nio.file.Path spill = null;
    String stable = null;
    try {
      java.nio.file.Path dir = java.nio.file.Files.createDirectories(dataDir);
      lock = lock(dir.resolve("replica.lock"));
      stable = stableId(dir.resolve("replica-id"));
      spill = dir.resolve("outage-buffer.jsonl");
    } catch (java.io.IOException e) {
      LOG.warn("no replica id or spill file under {} ({}): this process is a new replica, and changes held back "
          + "during a database outage are lost if it dies", dataDir, e.getMessage());
    }
    this.id = stable != null ? stable : newId();
    this.buffer = new WriteBuffer(BUFFER_CAPACITY, spill, id, plan -> {
      Long t = tokens.get(plan);
      return t == null ? -1 : t;
    });
  }

  /** Locks the data directory for this process: two processes there would be one replica id twice. */
  private static java.nio.channels.FileChannel lock(java.nio.file.Path file) throws java.io.IOException {
    java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE);
    java.nio.channels.FileLock held;
    try {
      held = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      ch.close();
      throw new IllegalStateException("the data directory " + file.getParent() + " is in use by another golive "
          + "process: each replica needs a --data of its own");
    }
    return ch;
  }

  /** The id in {@code file}, or a new one written there. */
  private static String stableId(java.nio.file.Path file) throws java.io.IOException {
    if (java.nio.file.Files.exists(file)) {
      String kept = java.nio.file.Files.readString(file).strip();
      if (kept.matches(ID)) return kept;
      LOG.warn("{}: not a replica id ({}); using a new one", file, kept.length() > 40 ? kept.substring(0, 40) : kept);
    }
    String id = newId();
    java.nio.file.Files.writeString(file, id + "\n");
    return id;
  }

  private static final String ID = "[A-Za-z0-9._:-]{1,100}";

  private static String newId() {
    String host = hostname().replaceAll("[^A-Za-z0-9.-]", "-");
    if (host.length() > 60) host = host.substring(0, 60);
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The leases this replica holds with their fencing tokens, for the store's connections to carry. */
  public FencingTokens tokens() {
    return tokens;
  }

  /** Item transitions written through this replica's outage buffer. */
  public dev.golive.store.Store store(dev.golive.store.Store inner) {
    return Buffered.store(inner, buffer);
  }

  /** Trigger changes and hold outcomes written through this replica's outage buffer. */
  public dev.golive.rollout.RolloutStore rolloutStore(DataSource db) {
    return Buffered.rolloutStore(db, buffer);
  }

  /** Alerts stored through this replica's outage buffer. */
  public dev.golive.alert.AlertSink sink(dev.golive.alert.AlertSink inner, io.vertx.core.Vertx vertx) {
    return Buffered.sink(inner, buffer, vertx);
  }

  public WriteBuffer buffer() {
    return buffer;
  }

  /**
   * The replica identity when the store is PostgreSQL (a cluster of one or more), else null (H2: one instance): the
   * one kept in the data directory, or a new one kept there. Two processes must never share a data directory.
   */
  public static ClusterSetup replicaId(DaemonOptions options) {
    if (options.storeUrl() == null || !options.storeUrl().startsWith("jdbc:postgresql:")) return null;
    return new ClusterSetup(options.dataDir());
  }

  public String id() {
    return id;
  }

  /** Ready: registered and heartbeating to the database within the lease time. */
  public boolean healthy() {
    Cluster c = cluster;
    return c != null && !stopping && c.healthy();
  }

  /** Joins: mounts the routes, registers, takes this replica's first leases and starts the loop. */
  public void join(Daemon daemon, DataSource db, Router router, DaemonOptions options, int port) {
    // the lease loop has connections of its own: renewals never queue behind the plans' writes
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(options.storeUrl());
    config.setUsername(options.storeUser());
    config.setPassword(options.storePassword());
    config.setMaximumPoolSize(2);
    config.setPoolName("golive-cluster");
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(2_000);
    config.setInitializationFailTimeout(-1);
    leasePool = new com.zaxxer.hikari.HikariDataSource(config);
    String advertised = System.getenv("GOLIVE_ADVERTISE_URL");
    String url = advertised != null && !advertised.isBlank() ? advertised.replaceAll("/+$", "")
        : "http://" + advertiseHost(options.host()) + ":" + port;
    List<String> plans = new ArrayList<>(daemon.configs().keySet());
    buffer.configured(plans);
    Buffered.replayAlerts(daemon::alertSink, buffer);
    Cluster c = new Cluster(leasePool, id, hostname(), url, plans, new PlanHost() {
      @Override
      public Future<Void> activate(String plan) {
        return daemon.activate(plan).onSuccess(v -> Gauge.builder(MetricNames.PLAN_OWNER, () -> 1)
            .description("1 on the replica that owns the plan").tags("plan", plan, "replica", id)
            .register(daemon.registry()));
      }

      @Override
      public Future<Void> deactivate(String plan) {
        return daemon.deactivate(plan).andThen(ar -> buffer.drop(plan));
      }
    }, LEASE_TTL, RENEW_EVERY, tokens, buffer);
    Gauge.builder(MetricNames.CLUSTER_REPLICAS, c, Cluster::liveReplicas)
        .description("Live replicas of the cluster").register(daemon.registry());
    Gauge.builder(MetricNames.BUFFERED_WRITES, buffer, WriteBuffer::size)
        .description("State changes held back while the store is unreachable").register(daemon.registry());
    ClusterRoutes.mount(router, daemon, c);
    // a heartbeat's last ping comes from the store whichever replica received it (the daemon binds only the plans
    // it runs when it starts, and on a cluster that is none yet)
    var pings = new dev.golive.probe.heartbeat.HeartbeatStore(db);
    daemon.configs().values().forEach(plan -> plan.probes().forEach(p -> {
      if (p.spec() instanceof dev.golive.probe.heartbeat.HeartbeatSpec h) {
        h.log().bind(() -> daemon.vertx().executeBlocking(() -> pings.last(plan.name(), p.id()), false));
      }
    }));
    cluster = c;
    c.start();
  }

  /** Stops taking and renewing leases (the daemon is closing). */
  public void stopLoop() {
    stopping = true;
  }

  /** Gives this replica's leases up and deregisters it (after its plans stopped). */
  public void close() {
    Cluster c = cluster;
    if (c != null) c.close();
    if (leasePool != null) leasePool.close();
    try {
      if (lock != null) lock.close();
    } catch (java.io.IOException e) {
      LOG.warn("cannot unlock the data directory: {}", e.getMessage());
    }
  }

  private static String advertiseHost(String bind) {
    if (bind == null || bind.equals("0.0.0.0") || bind.equals("::") || bind.isBlank()) return hostname();
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) return env;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
