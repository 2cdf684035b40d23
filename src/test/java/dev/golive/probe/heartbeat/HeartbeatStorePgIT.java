package dev.golive.probe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.store.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Migration V4 and the heartbeat store on a real PostgreSQL (GOLIVE_TEST_PG_URL, _USER, _PASSWORD, as started by
 * {@code .ci/run}), in a schema of its own that is dropped afterwards.
 */
class HeartbeatStorePgIT {
  @Test
  void keepsTheLastPingOnPostgresql() throws Exception {
    String url = System.getenv("GOLIVE_TEST_PG_URL");
    String user = System.getenv("GOLIVE_TEST_PG_USER");
    String password = System.getenv("GOLIVE_TEST_PG_PASSWORD");
    assertThat(url).as("GOLIVE_TEST_PG_URL must name a PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres")
        .isNotBlank();
    String schema = "golive_hb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    try {
      try (JdbcStore store = JdbcStore.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user,
          password)) {
        HeartbeatStoreTest.keepsTheLastPingPerHeartbeatAndCounts(store);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("drop schema " + schema + " cascade");
      }
    }
  }
}
