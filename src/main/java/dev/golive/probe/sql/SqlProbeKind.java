package dev.golive.probe.sql;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code sql: { url: jdbc:postgresql://db:5432/app, user, password, query, max-rows }}: runs one query in a read-only
 * transaction through a small pool shared per (url, user), with a statement timeout from the probe's timeout.
 * Observes {@code ROWS} (row count), {@code VALUE} (first column of the first row), {@code ROW} (the first row,
 * column to value, for {@code [ROW].col}), {@code RESULT} (every row, for {@code [RESULT][*].col}) and
 * {@code DURATION}. SQL NULLs are left out (a condition on them has no data).
 */
public final class SqlProbeKind implements ProbeKind<SqlSpec> {
  static final int DEFAULT_MAX_ROWS = 1000;

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("ROWS:count VALUE:json ROW:map RESULT:list DURATION:duration");
  }

  @Override
  public SqlSpec parse(ConfigNode block) {
    if (!block.allowOnly("url", "user", "password", "query", "max-rows")) return null;
    String url = block.requiredString("url");
    String query = block.requiredString("query");
    String user = block.string("user", null);
    String password = block.string("password", null);
    int maxRows = block.integer("max-rows", DEFAULT_MAX_ROWS, 1, 100_000);
    if (url != null) {
      if (!url.startsWith("jdbc:")) {
        block.get("url").get().problem("expected a JDBC URL such as jdbc:postgresql://db:5432/app");
        return null;
      }
      try {
        DriverManager.getDriver(url);
      } catch (SQLException e) {
        block.get("url").get().problem("no JDBC driver for " + url.replaceAll("^(jdbc:[^:]+:).*", "$1")
            + " on the classpath (PostgreSQL is built in; add other drivers to the classpath)");
        return null;
      }
    }
    if (query != null && query.isBlank()) {
      block.get("query").get().problem("must not be empty");
      return null;
    }
    return url == null || query == null ? null : new SqlSpec(url, user, password, query.strip(), maxRows);
  }

  /** {@code [ROWS] > 0}: most checks should say what they expect (e.g. {@code [ROWS] == 0} for "no table lacks RLS"). */
  @Override
  public List<String> defaultConditions(SqlSpec spec) {
    return List.of("[ROWS] > 0");
  }

  @Override
  public Observer observer(SqlSpec spec, ProbeEnvironment env, Duration timeout) {
    return new SqlObserver(spec, env, timeout);
  }
}
