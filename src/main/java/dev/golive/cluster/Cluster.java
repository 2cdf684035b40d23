package dev.golive.cluster;

import dev.golive.cluster.ClusterStore.Lease;
import dev.golive.cluster.ClusterStore.Replica;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.golive.store.FencingTokens;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's membership in a cluster on one PostgreSQL store. Every {@code renew} interval, on its own thread
 * ({@code golive-cluster}, never an event loop), it refreshes its heartbeat, reads the replicas and leases, computes
 * the desired owners ({@link Balance}), renews its leases, hands over the plans another live replica should own,
 * and takes the expired leases it should own. The {@link PlanHost} runs exactly the plans this replica holds.
 *
 * <p>A lease expires {@code ttl} after its last renewal, on the database clock; a dead owner's plans are taken within
 * {@code ttl + renew}. While the database is unreachable nothing can be renewed, but the plans keep running here: no
 * other replica can write either. When it is back, the replica renews (or, expired, re-acquires) its own leases
 * first, and waits {@code ttl} of continuous connection before taking plans another registered replica held, so that
 * every replica gets its own plans back after an outage. After each connected round it flushes the write buffer (its
 * leases are valid again by then). The leases it holds, with their fencing tokens, are kept in a
 * {@link FencingTokens} that the replica's store connections carry to the database.
 */
public final class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

  /** One plan's owner as this replica last saw it (for the API, forwarding and metrics). */
  public record Ownership(String plan, String owner, String ownerUrl, long token, Instant expiresAt, boolean valid) {}

  /** A replica as this replica last saw it. */
  public record Member(String id, String host, long pid, String url, Instant startedAt, Instant heartbeatAt,
      boolean live, List<String> plans) {}

  private record Snapshot(List<Replica> replicas, Map<String, Lease> leases) {}

  private final ClusterStore store;
  private final String id;
  private final String host;
  private final String url;
  private final List<String> plans;
  private final PlanHost planHost;
  private final Duration ttl;
  private final Duration renew;
  private final WriteBuffer buffer;
  private final Instant startedAt = Instant.now();
  private final FencingTokens held;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "golive-cluster");
    t.setDaemon(true);
    return t;
  });
  private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());
  private volatile long lastHeartbeatNanos;
  private volatile long connectedSinceNanos = -1;
  private volatile boolean closed;
  private volatile boolean running;
  private final List<io.vertx.core.Future<Void>> activations = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * @param held the leases this replica holds with their fencing tokens: kept up to date here, carried by the
   *     replica's store connections
   * @param buffer the outage buffer: flushed after each connected round; a previous run's held-back changes of a plan
   *     are replayed (or dropped) when this replica takes its lease, before the plan starts
   */
  public Cluster(DataSource db, String id, String host, String url, List<String> plans, PlanHost planHost,
      Duration ttl, Duration renew, FencingTokens held, WriteBuffer buffer) {
    this.buffer = buffer;
    this.held = held;
    this.store = new ClusterStore(db, ttl);
    this.id = id;
    this.host = host;
    this.url = url;
    this.plans = List.copyOf(plans);
    this.planHost = planHost;
    this.ttl = ttl;
    this.renew = renew;
  }

  /**
   * Registers, takes the first leases and starts the loop; returns once the plans of that first round run here
   * (blocking the caller, bounded).
   */
  public void start() {
    try {
      thread.submit(this::round).get(ttl.toMillis() * 3, TimeUnit.MILLISECONDS);
      List<io.vertx.core.Future<Void>> first = new ArrayList<>(activations);
      activations.clear();
      io.vertx.core.Future.join(first).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("cluster: a plan did not start: {}", e.getCause().getMessage());
    } catch (Exception e) {
      throw new IllegalStateException("cannot join the cluster: " + e.getMessage(), e);
    }
    running = true;
    thread.scheduleWithFixedDelay(this::round, renew.toMillis(), renew.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String id() {
    return id;
  }

  /** True while this replica holds the plan's lease (as of its last round). */
  public boolean owns(String plan) {
    return held.holds(plan);
  }

  /** The fencing token this replica holds for the plan, or -1. */
  public long token(String plan) {
    Long token = held.get(plan);
    return token == null ? -1 : token;
  }

  /** True when the last round reached the database, less than the lease time ago (readiness). */
  public boolean healthy() {
    return !closed && connectedSinceNanos >= 0 && lastHeartbeatNanos != 0
        && System.nanoTime() - lastHeartbeatNanos < ttl.toNanos();
  }

  /** The plan's valid owner as last seen, or null (no owner right now: a failover is under way). */
  public Ownership owner(String plan) {
    Snapshot s = snapshot;
    Lease l = s.leases().get(plan);
    if (l == null || !l.valid()) return null;
    String ownerUrl = s.replicas().stream().filter(r -> r.id().equals(l.owner())).map(Replica::url).findFirst()
        .orElse(null);
    return new Ownership(plan, l.owner(), ownerUrl, l.token(), l.expiresAt(), l.valid());
  }

  /** Every configured plan with its owner as last seen (null owner: none right now). */
  public List<Ownership> ownerships() {
    Snapshot s = snapshot;
    List<Ownership> out = new ArrayList<>();
    for (String plan : plans) {
      Ownership o = owner(plan);
      Lease l = s.leases().get(plan);
      out.add(o != null ? o : new Ownership(plan, null, null, l == null ? 0 : l.token(),
          l == null ? null : l.expiresAt(), false));
    }
    return out;
  }

  /** The replicas as last seen, each with the plans it validly owns. */
  public List<Member> members() {
    Snapshot s = snapshot;
    List<Member> out = new ArrayList<>();
    for (Replica r : s.replicas()) {
      List<String> owned = s.leases().values().stream().filter(l -> l.valid() && l.owner().equals(r.id()))
          .map(Lease::plan).toList();
      out.add(new Member(r.id(), r.host(), r.pid(), r.url(), r.startedAt(), r.heartbeatAt(), r.live(), owned));
    }
    return out;
  }

  public long liveReplicas() {
    return snapshot.replicas().stream().filter(Replica::live).count();
  }

  // ------------------------------------------------------------------ the loop (golive-cluster thread)

  private void round() {
    if (closed) return;
    try {
      store.heartbeat(id, host, ProcessHandle.current().pid(), url, startedAt);
      long now = System.nanoTime();
      if (connectedSinceNanos < 0) connectedSinceNanos = now;
      lastHeartbeatNanos = now;
      Snapshot s = new Snapshot(store.replicas(), store.leases());
      snapshot = s;
      List<String> live = s.replicas().stream().filter(Replica::live).map(Replica::id).toList();
      Map<String, String> desired = Balance.assign(plans, live);
      boolean settled = now - connectedSinceNanos >= ttl.toNanos();
      for (String plan : plans) {
        if (busy.contains(plan)) continue;
        step(plan, s, desired.get(plan), settled);
      }
      snapshot = new Snapshot(s.replicas(), store.leases());
      snapshot.leases().values().forEach(l -> {
        if (!l.owner().equals(id)) buffer.ownedElsewhere(l.plan(), l.owner(), l.token());
      });
      buffer.flush();
    } catch (RuntimeException e) {
      if (connectedSinceNanos >= 0 || lastHeartbeatNanos == 0) {
        LOG.warn("cluster: the store is unreachable ({}); plans keep running here, writes are buffered",
            e.getMessage());
      }
      connectedSinceNanos = -1;
    }
  }

  private void step(String plan, Snapshot s, String desired, boolean settled) {
    Lease lease = s.leases().get(plan);
    Long token = held.get(plan);
    if (token != null) {
      if (desired != null && !desired.equals(id)) {
        handOver(plan, token, desired);
      } else if (!store.renew(plan, id, token)) {
        var again = lease == null || lease.owner().equals(id) ? store.acquire(plan, id) : java.util.OptionalLong.empty();
        if (again.isPresent()) {
          held.put(plan, again.getAsLong());
          LOG.info("cluster: lease of {} renewed after it expired (token {})", plan, again.getAsLong());
        } else {
          LOG.warn("cluster: lost the lease of {} to {}; stopping it here", plan, lease == null ? "?" : lease.owner());
          stop(plan, () -> {});
        }
      }
      return;
    }
    if (lease != null && lease.valid()) return;
    boolean mine = lease != null && lease.owner().equals(id);
    boolean ownerGone = lease == null || s.replicas().stream().noneMatch(r -> r.id().equals(lease.owner()));
    boolean take = mine || id.equals(desired) && (ownerGone || settled);
    if (!take) return;
    var token2 = store.acquire(plan, id);
    if (token2.isEmpty()) return;
    held.put(plan, token2.getAsLong());
    busy.add(plan);
    LOG.info("cluster: took the lease of {} (token {}){}", plan, token2.getAsLong(),
        lease == null ? "" : ", previously " + lease.owner());
    buffer.taken(plan, token2.getAsLong(), lease == null ? null : lease.owner());
    io.vertx.core.Future<Void> started = planHost.activate(plan);
    if (!running) activations.add(started);
    started.onComplete(ar -> {
      busy.remove(plan);
      if (ar.failed()) LOG.error("cluster: could not start {}: {}", plan, ar.cause().getMessage());
    });
  }

  private void handOver(String plan, long token, String to) {
    LOG.info("cluster: handing {} over to {}", plan, to);
    stop(plan, () -> store.release(plan, id, token));
  }

  /** Stops the plan here, then (on the cluster thread) runs {@code after}. */
  private void stop(String plan, Runnable after) {
    busy.add(plan);
    planHost.deactivate(plan).onComplete(ar -> thread.execute(() -> {
      try {
        held.remove(plan);
        after.run();
      } catch (RuntimeException e) {
        LOG.warn("cluster: after stopping {}: {}", plan, e.getMessage());
      } finally {
        busy.remove(plan);
      }
    }));
  }

  /** Stops the loop and gives every lease up at once, so the others take the plans without waiting. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
      Map<String, Long> mine = new LinkedHashMap<>(held.all());
      held.clear();
      mine.forEach((plan, token) -> store.release(plan, id, token));
      store.deregister(id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("cluster: could not give the leases up: {}", e.getMessage());
    }
  }
}
