package dev.golive.probe.sql;

import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.Future;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/** Runs the query on the blocking pool; takes its pool lease on first use and gives it back on close. */
final class SqlObserver implements Observer {
  private final SqlSpec spec;
  private final ProbeEnvironment env;
  private final Duration budget;
  private SqlPools.Lease lease;
  private boolean closed;

  SqlObserver(SqlSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    long ms = timeout.toMillis();
    this.budget = Duration.ofMillis(Math.max(1, ms - Math.min(250, ms / 10)));
    env.secrets().register(spec.password());
  }

  @Override
  public Future<Observation> observe() {
    return env.blocking().executeBlocking(this::query, false);
  }

  private synchronized SqlPools.Lease lease() {
    if (closed) throw new IllegalStateException("probe closed");
    if (lease == null) lease = SqlPools.lease(spec, budget);
    return lease;
  }

  private Observation query() throws SQLException {
    long t0 = System.nanoTime();
    try (Connection c = connect()) {
      try (Statement st = c.createStatement()) {
        st.setQueryTimeout((int) Math.max(1, budget.toSeconds()));
        st.setMaxRows(spec.maxRows() + 1);
        st.setFetchSize(Math.min(spec.maxRows() + 1, 500));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(spec.query())) {
          ResultSetMetaData md = rs.getMetaData();
          Object first = null;
          while (rs.next()) {
            if (rows.size() == spec.maxRows()) {
              throw new SQLException("query returned more than " + spec.maxRows() + " rows (max-rows); "
                  + "narrow it or count in SQL");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = value(rs.getObject(i));
              if (rows.isEmpty() && i == 1) first = v;
              if (v != null) row.put(md.getColumnLabel(i), v);
            }
            rows.add(Collections.unmodifiableMap(row));
          }
          return Observation.builder()
              .put("ROWS", rows.size())
              .put("VALUE", first)
              .put("ROW", rows.isEmpty() ? null : rows.get(0))
              .put("RESULT", List.copyOf(rows))
              .put("DURATION", Duration.ofNanos(System.nanoTime() - t0))
              .build();
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** A pooled connection; the pool's "not available" error is replaced by why (bad password, refused...). */
  private Connection connect() throws SQLException {
    try {
      return lease().dataSource().getConnection();
    } catch (java.sql.SQLTransientConnectionException e) {
      Throwable cause = e.getCause();
      if (cause == null || cause.getMessage() == null) throw e;
      throw new SQLException("cannot connect to " + spec.url() + ": " + cause.getMessage(), e);
    }
  }

  /** A JDBC value as an observation value: numbers, booleans and strings as is; intervals as Durations. */
  static Object value(Object v) throws SQLException {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) return v;
    if (v instanceof PGInterval i) {
      double seconds = ((i.getYears() * 12.0 + i.getMonths()) * 30 + i.getDays()) * 86_400.0 + i.getHours() * 3600.0
          + i.getMinutes() * 60.0 + i.getSeconds();
      return Duration.ofNanos(Math.round(seconds * 1e9));
    }
    if (v instanceof java.sql.Timestamp t) return t.toInstant().toString();
    if (v instanceof TemporalAccessor || v instanceof java.util.Date) return v.toString();
    if (v instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object x : (Object[]) a.getArray()) out.add(value(x));
      return Collections.unmodifiableList(out);
    }
    if (v instanceof PGobject o) return o.getValue();
    if (v instanceof byte[] b) return "(" + b.length + " bytes)";
    return v.toString();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (lease != null) lease.close();
  }
}
