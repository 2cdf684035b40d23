package dev.golive.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.Transition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** {@link Store} over JDBC: an embedded H2 file database by default, PostgreSQL for several replicas. */
public final class JdbcStore implements Store {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final TypeReference<List<ProbeResult>> RESULTS = new TypeReference<>() {};

  /** The highest migration under {@code db/migration} ({@code V<n>__...sql}); a test keeps the two in step. */
  static final int SCHEMA_VERSION = 14;
  /** PostgreSQL also runs the migrations under {@code db/postgresql} (the cluster's fencing): its latest version. */
  static final String POSTGRES_SCHEMA_VERSION = "14.2";

  private final HikariDataSource hikari;
  private final javax.sql.DataSource pool;

  private JdbcStore(HikariDataSource hikari, javax.sql.DataSource pool) {
    this.hikari = hikari;
    this.pool = pool;
  }

  /**
   * Opens (creating if needed) the embedded database under {@code dataDir}. Commits are written through at once, so
   * a process killed with SIGKILL keeps every recorded transition.
   */
  public static JdbcStore embedded(Path dataDir) {
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("golive") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    return open(url, "sa", "");
  }

  /** Opens a database by JDBC URL and migrates its schema. Throws {@link StoreException} with a one-line reason. */
  public static JdbcStore open(String url, String user, String password) {
    return open(url, user, password, 10_000);
  }

  /**
   * Opens a shared PostgreSQL store as replica {@code replicaId} of a cluster: every connection names the replica
   * ({@code golive.replica}) and carries the fencing tokens it holds ({@code golive.tokens}, see
   * {@link FencingTokens}), so the database fences its writes by the plan leases; connections fail fast (5 s) so that
   * an outage is noticed while the lease is still valid.
   */
  public static JdbcStore openReplica(String url, String user, String password, String replicaId,
      FencingTokens tokens) {
    if (!replicaId.matches("[A-Za-z0-9._:-]{1,100}")) throw new IllegalArgumentException("bad replica id " + replicaId);
    return open(url, user, password, 10_000, replicaId, tokens);
  }

  static JdbcStore open(String url, String user, String password, long connectMillis) {
    return open(url, user, password, connectMillis, null, null);
  }

  private static JdbcStore open(String url, String user, String password, long connectMillis, String replicaId,
      FencingTokens tokens) {
    HikariConfig config = new HikariConfig();
    if (replicaId != null) {
      config.setConnectionInitSql("select set_config('golive.replica', '" + replicaId + "', false)");
      config.setConnectionTimeout(5_000);
      config.setValidationTimeout(2_000);
    }
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setPoolName("golive-store");
    config.setInitializationFailTimeout(connectMillis);
    try {
      HikariDataSource pool = new HikariDataSource(config);
      String[] locations = url.startsWith("jdbc:postgresql:")
          ? new String[] {"classpath:db/migration", "classpath:db/postgresql"} : new String[] {"classpath:db/migration"};
      String expected = url.startsWith("jdbc:postgresql:") ? POSTGRES_SCHEMA_VERSION : String.valueOf(SCHEMA_VERSION);
      if (!upToDate(pool, expected) && !FreshH2Schema.createIfEmpty(url, pool)) {
        Flyway.configure().dataSource(pool).locations(locations).load().migrate();
      }
      return new JdbcStore(pool, tokens == null ? pool : new FencedDataSource(pool, tokens));
    } catch (RuntimeException | java.sql.SQLException e) {
      throw new StoreException("cannot open the store at " + redactUrl(url) + ": " + rootMessage(e), e);
    }
  }

  /**
   * True when Flyway's history already holds {@link #SCHEMA_VERSION}, all applied successfully: a restart then skips
   * Flyway (its scan and validation take most of a start). Any doubt (no history table, a failed row) says false.
   */
  static boolean upToDate(javax.sql.DataSource pool) {
    return upToDate(pool, String.valueOf(SCHEMA_VERSION));
  }

  static boolean upToDate(javax.sql.DataSource pool, String expected) {
    try (java.sql.Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement();
         java.sql.ResultSet rs = st.executeQuery(
             "select \"version\", \"success\" from \"flyway_schema_history\" where \"version\" is not null")) {
      java.math.BigDecimal latest = java.math.BigDecimal.ZERO;
      while (rs.next()) {
        if (!rs.getBoolean(2)) return false;
        latest = latest.max(new java.math.BigDecimal(rs.getString(1)));
      }
      return latest.compareTo(new java.math.BigDecimal(expected)) == 0;
    } catch (java.sql.SQLException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * The store's connection pool (migrated), for the other durable parts (deployments, triggers, outbox, heartbeats)
   * whose tables live in the same database. Blocking: use it only from the {@code golive-store} pool.
   */
  public javax.sql.DataSource dataSource() {
    return pool;
  }

  static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
  }

  @Override
  public Map<String, StoredState> states(String plan) {
    Map<String, StoredState> out = new HashMap<>();
    try (Connection c = pool.getConnection();
         PreparedStatement s = c.prepareStatement("select item_id, state, since_ms from item_state where plan = ?")) {
      s.setString(1, plan);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), new StoredState(ItemState.fromLabel(r.getString(2)), Instant.ofEpochMilli(r.getLong(3))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading item states of " + plan + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void record(Transition t) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        insertEvidence(c, t);
        upsertState(c, t);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("recording " + t.plan() + "/" + t.itemId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records the transitions in order in one transaction; if that fails (one bad row), each is recorded on its own so
   * that the others are kept.
   */
  @Override
  public void recordAll(List<Transition> transitions) {
    if (transitions.size() == 1) {
      record(transitions.get(0));
      return;
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (Transition t : transitions) {
          insertEvidence(c, t);
          upsertState(c, t);
        }
        c.commit();
        return;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException("recording " + transitions.size() + " transitions: " + e.getMessage(), e);
    }
    transitions.forEach(this::record);
  }

  private static void insertEvidence(Connection c, Transition t) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("insert into evidence "
        + "(plan, item_id, at_ms, from_state, to_state, cause, actor, note, results) values (?,?,?,?,?,?,?,?,?)")) {
      s.setString(1, t.plan());
      s.setString(2, t.itemId());
      s.setLong(3, t.at().toEpochMilli());
      s.setString(4, t.from().label());
      s.setString(5, t.to().label());
      s.setString(6, t.cause());
      s.setString(7, t.actor());
      s.setString(8, t.note());
      s.setString(9, toJson(t.results()));
      s.executeUpdate();
    }
  }

  private static void upsertState(Connection c, Transition t) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(
        "update item_state set state = ?, since_ms = ? where plan = ? and item_id = ?")) {
      u.setString(1, t.to().label());
      u.setLong(2, t.at().toEpochMilli());
      u.setString(3, t.plan());
      u.setString(4, t.itemId());
      if (u.executeUpdate() > 0) return;
    }
    try (PreparedStatement i = c.prepareStatement(
        "insert into item_state (plan, item_id, state, since_ms) values (?,?,?,?)")) {
      i.setString(1, t.plan());
      i.setString(2, t.itemId());
      i.setString(3, t.to().label());
      i.setLong(4, t.at().toEpochMilli());
      i.executeUpdate();
    }
  }

  @Override
  public List<Transition> history(String plan, String itemId, int limit) {
    List<Transition> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
         PreparedStatement s = c.prepareStatement("select at_ms, from_state, to_state, cause, actor, note, results "
             + "from evidence where plan = ? and item_id = ? order by id desc")) {
      s.setString(1, plan);
      s.setString(2, itemId);
      s.setMaxRows(limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new Transition(plan, itemId, ItemState.fromLabel(r.getString(2)), ItemState.fromLabel(r.getString(3)),
              Instant.ofEpochMilli(r.getLong(1)), r.getString(4), r.getString(5), r.getString(6),
              fromJson(r.getString(7))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading evidence of " + plan + "/" + itemId + ": " + e.getMessage(), e);
    }
  }

  private static String toJson(List<ProbeResult> results) {
    try {
      return JSON.writeValueAsString(results);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot serialize evidence: " + e.getOriginalMessage(), e);
    }
  }

  private static List<ProbeResult> fromJson(String json) {
    try {
      return JSON.readValue(json, RESULTS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored evidence is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() {
    hikari.close();
  }
}
