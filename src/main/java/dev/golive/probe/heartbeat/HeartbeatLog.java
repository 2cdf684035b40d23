package dev.golive.probe.heartbeat;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live end of one heartbeat probe, shared by its observer and the HTTP route that receives pings. It holds the
 * newest ping; the first read loads the stored one through the loader that the daemon binds when it mounts the
 * heartbeat routes, so a restart keeps the last ping. Thread-safe: the route and the observer run on different event
 * loops.
 */
public final class HeartbeatLog {
  private Ping latest;
  private Supplier<Future<Optional<Ping>>> loader;
  private Future<Optional<Ping>> loading;

  /**
   * Binds the stored-ping loader (called on the store pool by the caller) and forgets what this log held, so a
   * configuration reused by a new daemon starts from the store, like a fresh process.
   */
  public synchronized void bind(Supplier<Future<Optional<Ping>>> storedPing) {
    this.loader = storedPing;
    this.latest = null;
    this.loading = null;
  }

  /** Records a ping that just arrived (already stored); an older one never replaces a newer one. */
  public synchronized void offer(Ping ping) {
    if (latest == null || !ping.at().isBefore(latest.at())) latest = ping;
  }

  /**
   * The newest ping known, loading the stored one on first use. Completes with empty when none ever arrived; fails
   * when the store cannot be read.
   */
  public Future<Optional<Ping>> latest() {
    Future<Optional<Ping>> load;
    synchronized (this) {
      if (loader == null) return Future.succeededFuture(Optional.ofNullable(latest));
      if (loading == null || loading.failed()) loading = loader.get();
      load = loading;
    }
    return load.map(stored -> {
      synchronized (this) {
        stored.ifPresent(this::offer);
        return Optional.ofNullable(latest);
      }
    });
  }
}
