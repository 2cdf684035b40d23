package dev.golive.probe.heartbeat;

import dev.golive.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The last ping of each heartbeat, in table {@code heartbeat_ping} (migration V4). Every method blocks (JDBC): call
 * it from the {@code golive-store} pool only. Thread-safe; failures become {@link StoreException} with a plain
 * message.
 */
public final class HeartbeatStore {
  private final DataSource db;

  public HeartbeatStore(DataSource db) {
    this.db = db;
  }

  /** The stored last ping of a heartbeat, if it was ever pinged. */
  public Optional<Ping> last(String plan, String probeId) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(
            "select at_ms, ok, message, pings from heartbeat_ping where plan = ? and probe_id = ?")) {
      s.setString(1, plan);
      s.setString(2, probeId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new Ping(Instant.ofEpochMilli(rs.getLong(1)), rs.getBoolean(2), rs.getString(3),
            rs.getLong(4)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the last ping of " + plan + "/" + probeId + ": " + e.getMessage(), e);
    }
  }

  /** Stores a ping as the heartbeat's last one and returns it with the total count of pings. */
  public Ping record(String plan, String probeId, Instant at, boolean ok, String message) {
    Ping ping = new Ping(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), ok, message, 0);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        long count = update(c, plan, probeId, ping);
        if (count < 0) {
          try {
            insert(c, plan, probeId, ping);
            count = 1;
          } catch (SQLException raced) {
            c.rollback();
            count = update(c, plan, probeId, ping);
            if (count < 0) throw raced;
          }
        }
        c.commit();
        return new Ping(ping.at(), ok, ping.message(), count);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot store a ping of " + plan + "/" + probeId + ": " + e.getMessage(), e);
    }
  }

  /** Updates the row; returns the new count, or -1 when there is no row yet. */
  private static long update(Connection c, String plan, String probeId, Ping p) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("update heartbeat_ping set at_ms = ?, ok = ?, message = ?,"
        + " pings = pings + 1 where plan = ? and probe_id = ?")) {
      s.setLong(1, p.at().toEpochMilli());
      s.setBoolean(2, p.ok());
      s.setString(3, p.message());
      s.setString(4, plan);
      s.setString(5, probeId);
      if (s.executeUpdate() == 0) return -1;
    }
    try (PreparedStatement s = c.prepareStatement(
        "select pings from heartbeat_ping where plan = ? and probe_id = ?")) {
      s.setString(1, plan);
      s.setString(2, probeId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 1;
      }
    }
  }

  private static void insert(Connection c, String plan, String probeId, Ping p) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into heartbeat_ping (plan, probe_id, at_ms, ok, message,"
        + " pings) values (?, ?, ?, ?, ?, 1)")) {
      s.setString(1, plan);
      s.setString(2, probeId);
      s.setLong(3, p.at().toEpochMilli());
      s.setBoolean(4, p.ok());
      s.setString(5, p.message());
      s.executeUpdate();
    }
  }
}
