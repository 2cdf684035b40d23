package dev.golive.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.golive.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code alert_outbox} table. Every method blocks on JDBC: call it only from the {@code golive-store} pool.
 * Failures throw {@link StoreException} with a one-line reason.
 */
final class OutboxStore {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final long KEEP_DONE_MS = 30L * 24 * 3600 * 1000;

  /** One stored alert for one receiver. Mutable fields are touched only on the outbox's context. */
  static final class Row {
    final long id;
    final String plan;
    final String receiver;
    final Alert alert;
    int attempts;
    long nextMs;
    Long deliveredMs;
    int repeatsLeft;
    boolean done;
    String lastError;

    Row(long id, String plan, String receiver, Alert alert, int attempts, long nextMs, Long deliveredMs,
        int repeatsLeft, boolean done, String lastError) {
      this.id = id;
      this.plan = plan;
      this.receiver = receiver;
      this.alert = alert;
      this.attempts = attempts;
      this.nextMs = nextMs;
      this.deliveredMs = deliveredMs;
      this.repeatsLeft = repeatsLeft;
      this.done = done;
      this.lastError = lastError;
    }
  }

  /** A receiver and the number of repeats its rows start with (-1: until superseded). */
  record Target(String receiver, int repeats) {}

  private final DataSource dataSource;

  OutboxStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores {@code alert} once per target, in one transaction, unless the target's latest row for the same dedup key
   * already has the same status (a FIRING while firing is the same incident). Returns the rows stored.
   */
  synchronized List<Row> insert(Alert alert, List<Target> targets, long nowMs) {
    String json = toJson(alert);
    List<Row> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (Target t : targets) {
          String[] latest = latest(c, alert.plan(), t.receiver(), alert.dedupKey());
          if (latest != null && alert.status().name().equals(latest[0])) continue;
          out.add(insertRow(c, alert, json, t, nowMs, latest == null ? 0 : Long.parseLong(latest[1])));
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("storing alert " + alert.dedupKey() + ": " + e.getMessage(), e);
    }
  }

  /** The status and id of the lane's latest row, or null. */
  private static String[] latest(Connection c, String plan, String receiver, String dedupKey) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select status, id from alert_outbox "
        + "where plan = ? and receiver = ? and dedup_key = ? order by id desc")) {
      s.setString(1, plan);
      s.setString(2, receiver);
      s.setString(3, dedupKey);
      s.setMaxRows(1);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new String[] {r.getString(1), String.valueOf(r.getLong(2))} : null;
      }
    }
  }

  /** {@code prevId}: the lane's latest row (0: none); a unique index refuses a second row after the same one. */
  private static Row insertRow(Connection c, Alert alert, String json, Target t, long nowMs, long prevId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into alert_outbox (plan, receiver, dedup_key, status, alert, "
        + "created_ms, attempts, next_ms, delivered_ms, repeats_left, done, last_error, prev_id) "
        + "values (?,?,?,?,?,?,0,?,null,?,false,null,?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, alert.plan());
      s.setString(2, t.receiver());
      s.setString(3, alert.dedupKey());
      s.setString(4, alert.status().name());
      s.setString(5, json);
      s.setLong(6, nowMs);
      s.setLong(7, nowMs);
      s.setInt(8, t.repeats());
      s.setLong(9, prevId);
      s.executeUpdate();
      try (ResultSet k = s.getGeneratedKeys()) {
        if (!k.next()) throw new SQLException("no id generated");
        return new Row(k.getLong(1), alert.plan(), t.receiver(), alert, 0, nowMs, null, t.repeats(), false, null);
      }
    }
  }

  /** Every open row, oldest first; also forgets rows finished more than 30 days ago. */
  List<Row> open(long nowMs) {
    return open(nowMs, null);
  }

  /** The open rows of one plan (all plans when null), oldest first. */
  List<Row> open(long nowMs, String plan) {
    List<Row> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement d = c.prepareStatement("delete from alert_outbox where done = true and created_ms < ?")) {
        d.setLong(1, nowMs - KEEP_DONE_MS);
        d.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("select id, plan, receiver, alert, attempts, next_ms, delivered_ms, "
          + "repeats_left, last_error from alert_outbox where done = false"
          + (plan == null ? "" : " and plan = ?") + " order by id")) {
        if (plan != null) s.setString(1, plan);
        ResultSet r = s.executeQuery();
        while (r.next()) {
          long delivered = r.getLong(7);
          Long deliveredMs = r.wasNull() ? null : delivered;
          out.add(new Row(r.getLong(1), r.getString(2), r.getString(3), fromJson(r.getString(4)), r.getInt(5),
              r.getLong(6), deliveredMs, r.getInt(8), false, r.getString(9)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the alert outbox: " + e.getMessage(), e);
    }
  }

  /**
   * Claims an open row for one delivery attempt: false when it is already done (another replica delivered it). On a
   * cluster the database refuses the claim (a {@link SQLException}) unless this replica holds the plan's lease.
   */
  boolean claim(long id) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement s = c.prepareStatement(
             "update alert_outbox set attempts = attempts where id = ? and done = false")) {
      s.setLong(1, id);
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("claiming alert outbox row " + id + ": " + e.getMessage(), e);
    }
  }

  /** Writes the row's delivery state. */
  void update(long id, int attempts, long nextMs, Long deliveredMs, int repeatsLeft, boolean done, String error) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement s = c.prepareStatement("update alert_outbox set attempts = ?, next_ms = ?, delivered_ms = ?, "
             + "repeats_left = ?, done = ?, last_error = ? where id = ?")) {
      s.setInt(1, attempts);
      s.setLong(2, nextMs);
      if (deliveredMs == null) s.setNull(3, Types.BIGINT); else s.setLong(3, deliveredMs);
      s.setInt(4, repeatsLeft);
      s.setBoolean(5, done);
      s.setString(6, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
      s.setLong(7, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("updating alert outbox row " + id + ": " + e.getMessage(), e);
    }
  }

  /** The last error stored for each row of a dedup key (for tests and the API). */
  List<String> errors(String dedupKey) {
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
         PreparedStatement s = c.prepareStatement("select last_error from alert_outbox where dedup_key = ? order by id")) {
      s.setString(1, dedupKey);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading alert outbox errors: " + e.getMessage(), e);
    }
  }

  static String toJson(Alert alert) {
    try {
      return JSON.writeValueAsString(alert);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot serialize alert: " + e.getOriginalMessage(), e);
    }
  }

  static Alert fromJson(String json) {
    try {
      return JSON.readValue(json, Alert.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored alert is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
