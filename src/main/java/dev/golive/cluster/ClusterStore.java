package dev.golive.cluster;

import dev.golive.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The {@code replica} and {@code plan_lease} tables (PostgreSQL). Every expiry is computed and compared on the
 * database clock ({@code now()}), never on a replica's. Every method blocks on JDBC: call it only from the
 * {@code golive-store} pool. Failures throw {@link StoreException}.
 */
final class ClusterStore {
  /** A registered replica; {@code live} when its heartbeat is younger than the lease time. */
  record Replica(String id, String host, long pid, String url, Instant startedAt, Instant heartbeatAt, boolean live) {}

  /** A plan's lease; {@code valid} when it has not expired (database clock). */
  record Lease(String plan, String owner, long token, Instant expiresAt, boolean valid) {}

  private final DataSource db;
  private final long ttlMs;

  ClusterStore(DataSource db, Duration ttl) {
    this.db = db;
    this.ttlMs = ttl.toMillis();
  }

  private String expiry() {
    return "now() + interval '" + ttlMs + " milliseconds'";
  }

  /**
   * Registers the replica or refreshes its heartbeat (a restarted replica keeps its id: its row takes the new
   * process); forgets replicas silent for an hour.
   */
  void heartbeat(String id, String host, long pid, String url, Instant startedAt) {
    try (Connection c = db.getConnection()) {
      try (PreparedStatement s = c.prepareStatement("insert into replica (id, host, pid, url, started_at, heartbeat_at) "
          + "values (?,?,?,?,?,now()) on conflict (id) do update set heartbeat_at = now(), url = excluded.url, host = excluded.host, "
          + "pid = excluded.pid, started_at = excluded.started_at")) {
        s.setString(1, id);
        s.setString(2, host);
        s.setLong(3, pid);
        s.setString(4, url);
        s.setObject(5, java.sql.Timestamp.from(startedAt));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "delete from replica where heartbeat_at < now() - interval '1 hour'")) {
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("cluster heartbeat: " + e.getMessage(), e);
    }
  }

  /** Removes the replica (a clean shutdown), so the others re-spread its plans at once. */
  void deregister(String id) {
    update("delete from replica where id = ?", ps -> ps.setString(1, id), "deregistering " + id);
  }

  List<Replica> replicas() {
    List<Replica> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select id, host, pid, url, "
        + "started_at, heartbeat_at, heartbeat_at > now() - interval '" + ttlMs + " milliseconds' from replica "
        + "order by started_at, id"); ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new Replica(r.getString(1), r.getString(2), r.getLong(3), r.getString(4),
            r.getTimestamp(5).toInstant(), r.getTimestamp(6).toInstant(), r.getBoolean(7)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading replicas: " + e.getMessage(), e);
    }
  }

  Map<String, Lease> leases() {
    Map<String, Lease> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "select plan, owner, token, expires_at, expires_at > now() from plan_lease order by plan");
         ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), new Lease(r.getString(1), r.getString(2), r.getLong(3), r.getTimestamp(4).toInstant(),
            r.getBoolean(5)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading plan leases: " + e.getMessage(), e);
    }
  }

  /**
   * Takes the plan's lease when nobody holds it or it expired: completes with the new fencing token (one more than
   * the last), or empty when another replica holds a valid lease.
   */
  OptionalLong acquire(String plan, String owner) {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
        "insert into plan_lease (plan, owner, token, expires_at) values (?, ?, 1, " + expiry() + ") "
            + "on conflict (plan) do update set owner = excluded.owner, token = plan_lease.token + 1, "
            + "expires_at = excluded.expires_at where plan_lease.expires_at <= now() returning token")) {
      s.setString(1, plan);
      s.setString(2, owner);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("acquiring the lease of " + plan + ": " + e.getMessage(), e);
    }
  }

  /**
   * Extends the lease the replica holds with {@code token}. False when it lost it: another replica took it, or it
   * expired (then nobody may write for the plan until somebody acquires it again, with a new token).
   */
  boolean renew(String plan, String owner, long token) {
    return update("update plan_lease set expires_at = " + expiry() + " where plan = ? and owner = ? and token = ? "
        + "and expires_at > now()", ps -> {
          ps.setString(1, plan);
          ps.setString(2, owner);
          ps.setLong(3, token);
        }, "renewing the lease of " + plan) > 0;
  }

  /** Gives the lease up at once (handoff or shutdown): the next owner need not wait for it to expire. */
  void release(String plan, String owner, long token) {
    update("update plan_lease set expires_at = now() where plan = ? and owner = ? and token = ?", ps -> {
      ps.setString(1, plan);
      ps.setString(2, owner);
      ps.setLong(3, token);
    }, "releasing the lease of " + plan);
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private int update(String sql, Binder binder, String what) {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }
}
