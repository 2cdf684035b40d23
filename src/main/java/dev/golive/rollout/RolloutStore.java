package dev.golive.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Deployments, trigger state changes and window hold outcomes in the store's database (migration V2). Every method
 * blocks (JDBC): call it from the {@code golive-store} pool. Thread-safe. Failures throw {@link StoreException}.
 */
public class RolloutStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Double>> BASELINES = new TypeReference<>() {};
  private static final String DEPLOYMENT_COLUMNS =
      "id, version, note, source, deployed_at_ms, superseded_at_ms, baselines";

  private final DataSource db;

  public RolloutStore(DataSource db) {
    this.db = db;
  }

  /** Stores a new current deployment and marks the previous current one superseded, atomically. */
  public void insertDeployment(Deployment d) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement s = c.prepareStatement(
            "update deployment set superseded_at_ms = ? where plan = ? and superseded_at_ms is null")) {
          s.setLong(1, d.deployedAt().toEpochMilli());
          s.setString(2, d.plan());
          s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into deployment (" + DEPLOYMENT_COLUMNS
            + ", plan) values (?,?,?,?,?,?,?,?)")) {
          s.setString(1, d.id());
          s.setString(2, d.version());
          s.setString(3, d.note());
          s.setString(4, d.source());
          s.setLong(5, d.deployedAt().toEpochMilli());
          s.setNull(6, Types.BIGINT);
          s.setString(7, JSON.writeValueAsString(d.baselines()));
          s.setString(8, d.plan());
          s.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException | JsonProcessingException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("recording deployment " + d.version() + " of " + d.plan() + ": " + e.getMessage(), e);
    }
  }

  /** The plan's current (not superseded) deployment. */
  public Optional<Deployment> current(String plan) {
    List<Deployment> l = query(plan, "and superseded_at_ms is null", 1);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** The plan's deployments, newest first, at most {@code limit}. */
  public List<Deployment> deployments(String plan, int limit) {
    return query(plan, "", limit);
  }

  public Optional<Deployment> deployment(String plan, String id) {
    List<Deployment> l = query(plan, "and id = ?", 1, id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  private List<Deployment> query(String plan, String where, int limit, String... args) {
    List<Deployment> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select " + DEPLOYMENT_COLUMNS
        + " from deployment where plan = ? " + where + " order by deployed_at_ms desc, id desc")) {
      s.setString(1, plan);
      for (int i = 0; i < args.length; i++) s.setString(i + 2, args[i]);
      s.setMaxRows(limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long superseded = r.getLong(6);
          Instant sup = r.wasNull() ? null : Instant.ofEpochMilli(superseded);
          out.add(new Deployment(r.getString(1), plan, r.getString(2), r.getString(3), r.getString(4),
              Instant.ofEpochMilli(r.getLong(5)), sup, JSON.readValue(r.getString(7), BASELINES)));
        }
      }
      return out;
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("reading deployments of " + plan + ": " + e.getMessage(), e);
    }
  }

  public void recordTrigger(TriggerChange t) {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("insert into trigger_change "
        + "(plan, deployment_id, trigger_id, at_ms, from_state, to_state, consecutive, observed, threshold, baseline, "
        + "window_name, note, dry_run) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      s.setString(1, t.plan());
      s.setString(2, t.deploymentId());
      s.setString(3, t.trigger());
      s.setLong(4, t.at().toEpochMilli());
      s.setString(5, t.from());
      s.setString(6, t.to());
      s.setInt(7, t.consecutive());
      s.setString(8, cut(t.observed()));
      s.setString(9, cut(t.threshold()));
      s.setString(10, t.baseline());
      s.setString(11, t.window());
      s.setString(12, cut(t.note()));
      s.setBoolean(13, t.dryRun());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("recording trigger " + t.trigger() + " of " + t.plan() + ": " + e.getMessage(), e);
    }
  }

  /** A trigger's state changes in a deployment, newest first, at most {@code limit}. */
  public List<TriggerChange> triggerHistory(String plan, String deploymentId, String trigger, int limit) {
    return triggerQuery(plan, deploymentId, "and trigger_id = ? order by id desc", limit, trigger);
  }

  /** The newest change of every trigger of a deployment: its state to restore after a restart. */
  public Map<String, TriggerChange> latestTriggers(String plan, String deploymentId) {
    Map<String, TriggerChange> out = new LinkedHashMap<>();
    for (TriggerChange t : triggerQuery(plan, deploymentId, "order by id asc", Integer.MAX_VALUE)) {
      out.put(t.trigger(), t);
    }
    return out;
  }

  private List<TriggerChange> triggerQuery(String plan, String deploymentId, String tail, int limit, String... args) {
    List<TriggerChange> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select trigger_id, at_ms, "
        + "from_state, to_state, consecutive, observed, threshold, baseline, window_name, note, dry_run "
        + "from trigger_change where plan = ? and deployment_id = ? " + tail)) {
      s.setString(1, plan);
      s.setString(2, deploymentId);
      for (int i = 0; i < args.length; i++) s.setString(i + 3, args[i]);
      if (limit != Integer.MAX_VALUE) s.setMaxRows(limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new TriggerChange(plan, deploymentId, r.getString(1), Instant.ofEpochMilli(r.getLong(2)),
              r.getString(3), r.getString(4), r.getInt(5), r.getString(6), r.getString(7), r.getString(8),
              r.getString(9), r.getString(10), r.getBoolean(11)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading triggers of " + plan + ": " + e.getMessage(), e);
    }
  }

  /** Records a hold outcome once: a second outcome for the same window and item is ignored. */
  public void recordHold(String plan, String deploymentId, HoldOutcome h) {
    try (Connection c = db.getConnection()) {
      try (PreparedStatement q = c.prepareStatement("select 1 from window_hold where plan = ? and deployment_id = ? "
          + "and window_name = ? and item_id = ?")) {
        q.setString(1, plan);
        q.setString(2, deploymentId);
        q.setString(3, h.window());
        q.setString(4, h.itemId());
        try (ResultSet r = q.executeQuery()) {
          if (r.next()) return;
        }
      }
      try (PreparedStatement s = c.prepareStatement("insert into window_hold "
          + "(plan, deployment_id, window_name, item_id, outcome, at_ms, note) values (?,?,?,?,?,?,?)")) {
        s.setString(1, plan);
        s.setString(2, deploymentId);
        s.setString(3, h.window());
        s.setString(4, h.itemId());
        s.setString(5, h.outcome());
        s.setLong(6, h.at().toEpochMilli());
        s.setString(7, cut(h.note()));
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("recording hold " + h.itemId() + " of " + plan + ": " + e.getMessage(), e);
    }
  }

  public List<HoldOutcome> holds(String plan, String deploymentId) {
    List<HoldOutcome> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("select window_name, item_id, "
        + "outcome, at_ms, note from window_hold where plan = ? and deployment_id = ? order by at_ms")) {
      s.setString(1, plan);
      s.setString(2, deploymentId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new HoldOutcome(r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)),
              r.getString(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading holds of " + plan + ": " + e.getMessage(), e);
    }
  }

  private static String cut(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 1990) + "...";
  }
}
