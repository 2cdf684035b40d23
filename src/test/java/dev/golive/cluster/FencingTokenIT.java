package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.golive.store.FencingTokens;
import dev.golive.store.JdbcStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database fences every plan write by the lease's owner AND fencing token (GOLIVE_TEST_PG_*, a schema of its
 * own, {@link TestSchema}): a replica that lost a plan and took it back holds a new token, and a write still carrying the old one is
 * refused (SQLSTATE GL001), as is a write carrying no token; a tool's connection (no replica) is not fenced.
 */
class FencingTokenIT {
  private static final Duration TTL = Duration.ofMillis(1500);

  private TestSchema db;
  private HikariDataSource admin;
  private JdbcStore a;
  private JdbcStore b;

  @BeforeEach
  void schema() throws Exception {
    db = TestSchema.create("golive_fence_");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.store);
    config.setUsername(db.user);
    config.setPassword(db.password);
    config.setMaximumPoolSize(2);
    admin = new HikariDataSource(config);
  }

  @AfterEach
  void drop() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    if (admin != null) admin.close();
    if (db != null) db.close();
  }

  @Test
  void aWriteCarryingAnOldTokenOfAPlanTakenBackIsRefused() throws Exception {
    FencingTokens tokensA = new FencingTokens();
    FencingTokens tokensB = new FencingTokens();
    a = JdbcStore.openReplica(db.store, db.user, db.password, "replica-a", tokensA);
    b = JdbcStore.openReplica(db.store, db.user, db.password, "replica-b", tokensB);
    ClusterStore leases = new ClusterStore(admin, TTL);

    assertThat(leases.acquire("shop", "replica-a")).hasValue(1);
    tokensA.put("shop", 1);
    try (Connection underToken1 = a.dataSource().getConnection()) {
      insert(underToken1, "GO-001", "done");
      awaitExpiry(leases);
      assertThat(leases.acquire("shop", "replica-b")).hasValue(2);
      tokensB.put("shop", 2);
      try (Connection c = b.dataSource().getConnection()) {
        insert(c, "GO-002", "done");
      }
      leases.release("shop", "replica-b", 2);
      assertThat(leases.acquire("shop", "replica-a")).hasValue(3);

      assertThatThrownBy(() -> insert(underToken1, "GO-003", "done")).as("a write made under token 1")
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("GL001");
            assertThat(e.getMessage()).contains("replica-a", "token 1", "shop");
          });
    }
    tokensA.put("shop", 3);
    for (String item : new String[] {"GO-003", "GO-004"}) { // every pooled connection carries token 3 from now on
      try (Connection c = a.dataSource().getConnection()) {
        insert(c, item, "done");
      }
    }
    try (Connection c = a.dataSource().getConnection()) {
      tokensA.remove("shop");
    }
    try (Connection noToken = a.dataSource().getConnection()) {
      assertThatThrownBy(() -> insert(noToken, "GO-005", "done")).as("a write carrying no token")
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("GL001"));
    }
    try (Connection stale = b.dataSource().getConnection()) {
      assertThatThrownBy(() -> insert(stale, "GO-006", "done")).as("replica b, whose token 2 was released")
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("GL001"));
    }
    try (Connection tool = admin.getConnection()) {
      insert(tool, "GO-007", "done");
    }
    try (Connection c = admin.getConnection(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("select string_agg(item_id, ',' order by item_id) from item_state")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("GO-001,GO-002,GO-003,GO-004,GO-007");
    }
  }

  @Test
  void aConnectionSendsTheTokensOnlyWhenTheyChanged() throws Exception {
    FencingTokens tokens = new FencingTokens();
    a = JdbcStore.openReplica(db.store, db.user, db.password, "replica-a", tokens);
    tokens.put("shop", 7);
    assertThat(setting()).isEqualTo("{\"shop\":7}");
    tokens.put("checkout \"eu\"", 8);
    assertThat(setting()).isEqualTo("{\"checkout \\\"eu\\\"\":8,\"shop\":7}");
    // unchanged tokens are not sent again: a value planted on the connection survives the next checkout
    long pid;
    try (Connection c = a.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("select set_config('golive.tokens', '{\"planted\":1}', false)");
      pid = backendPid(c);
    }
    try (Connection c = a.dataSource().getConnection()) {
      assertThat(backendPid(c)).as("the pool hands this thread its last connection back").isEqualTo(pid);
      assertThat(setting(c)).isEqualTo("{\"planted\":1}");
    }
    tokens.put("shop", 8);
    try (Connection c = a.dataSource().getConnection()) {
      assertThat(backendPid(c)).isEqualTo(pid);
      assertThat(setting(c)).isEqualTo("{\"checkout \\\"eu\\\"\":8,\"shop\":8}");
    }
    int n = 2000;
    time(n, () -> {}); // warm-up
    long same = time(n, () -> {});
    long[] t = {9};
    long changed = time(n, () -> tokens.put("shop", t[0]++));
    System.out.printf("FencingTokenIT: checkout+select 1: %.1f us unchanged tokens, %.1f us changed tokens%n",
        same / 1000.0 / n, changed / 1000.0 / n);
    assertThat(setting()).isEqualTo("{\"checkout \\\"eu\\\"\":8,\"shop\":" + (t[0] - 1) + "}");
  }

  private interface Step {
    void run();
  }

  private long time(int n, Step between) throws SQLException {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      between.run();
      try (Connection c = a.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("select 1");
      }
    }
    return System.nanoTime() - start;
  }

  private String setting() throws SQLException {
    try (Connection c = a.dataSource().getConnection()) {
      return setting(c);
    }
  }

  private static String setting(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select current_setting('golive.tokens')")) {
      r.next();
      return r.getString(1);
    }
  }

  private static long backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void insert(Connection c, String item, String state) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "insert into item_state (plan, item_id, state, since_ms) values ('shop', ?, ?, 0)")) {
      s.setString(1, item);
      s.setString(2, state);
      s.executeUpdate();
    }
  }

  private static void awaitExpiry(ClusterStore leases) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (leases.leases().get("shop").valid()) {
      assertThat(System.nanoTime()).as("the lease of shop expires").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

}
