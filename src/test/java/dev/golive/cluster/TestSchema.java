package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of a test's own on the shared PostgreSQL server (GOLIVE_TEST_PG_URL, _USER, _PASSWORD, as started by
 * {@code .ci/run}); {@link #store} is a JDBC URL whose connections use it. Dropped (cascade) on close.
 */
final class TestSchema implements AutoCloseable {
  final String user;
  final String password;
  final String store;
  private final String url;
  private final String name;

  private TestSchema(String url, String user, String password, String name) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.name = name;
    this.store = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  static TestSchema create(String prefix) throws SQLException {
    String url = System.getenv("GOLIVE_TEST_PG_URL");
    assertThat(url).as("GOLIVE_TEST_PG_URL must name a PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres")
        .isNotBlank();
    TestSchema s = new TestSchema(url, System.getenv("GOLIVE_TEST_PG_USER"), System.getenv("GOLIVE_TEST_PG_PASSWORD"),
        prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    s.run(url, "create schema " + s.name);
    return s;
  }

  /** Runs a statement in the schema, on a connection that names no replica (a tool's: not fenced). */
  void sql(String statement) throws SQLException {
    run(store, statement);
  }

  /** The first column of the first row of a query in the schema. */
  long count(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(store, user, password); Statement s = c.createStatement();
         ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }

  private void run(String jdbc, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  public void close() throws SQLException {
    run(url, "drop schema " + name + " cascade");
  }
}
