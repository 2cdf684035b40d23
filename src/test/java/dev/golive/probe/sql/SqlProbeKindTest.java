package dev.golive.probe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.probe.DataProbeFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

/** The observer's mechanics against an in-memory H2 database; PostgreSQL specifics are in SqlProbeIT. */
class SqlProbeKindTest {
  private static final SqlProbeKind KIND = new SqlProbeKind();
  private static final String URL = "jdbc:h2:mem:sqlprobekindtest;DB_CLOSE_DELAY=-1";
  private static final Duration BOUND = Duration.ofSeconds(15);
  private static DataProbeFixture fx;
  private static Connection keepAlive;

  @BeforeAll
  static void start() throws Exception {
    fx = new DataProbeFixture(Map.of("DB_PASSWORD", "pw-secret"));
    keepAlive = DriverManager.getConnection(URL, "sa", "pw-secret");
    try (Statement st = keepAlive.createStatement()) {
      st.execute("create table tenants(id int primary key, name varchar(20), rls_enabled boolean, note varchar(20))");
      st.execute("insert into tenants values (1, 'acme', true, null), (2, 'globex', false, 'legacy')");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    keepAlive.close();
    fx.close();
  }

  private static SqlSpec spec(String query, int maxRows) {
    DataProbeFixture.Parsed<SqlSpec> p = DataProbeFixture.parse(KIND, "url: \"" + URL + "\"\nuser: sa\n"
        + "password: \"${env:DB_PASSWORD}\"\nquery: \"" + query + "\"\nmax-rows: " + maxRows,
        Map.of("DB_PASSWORD", "pw-secret"));
    assertThat(p.problems()).isEmpty();
    return p.spec();
  }

  @Test
  void observesRowsFirstValueFirstRowAndAllRows() throws Exception {
    SqlObserver observer = new SqlObserver(spec("select name, rls_enabled, note from tenants order by id", 10),
        fx.env, Duration.ofSeconds(5));
    try {
      Observation o = fx.observe(observer, BOUND).observation();
      assertThat(o.get("ROWS")).contains(2);
      assertThat(o.get("VALUE")).contains("acme");
      assertThat(o.get("ROW")).contains(Map.of("NAME", "acme", "RLS_ENABLED", true));
      assertThat(o.get("RESULT")).contains(List.of(Map.of("NAME", "acme", "RLS_ENABLED", true),
          Map.of("NAME", "globex", "RLS_ENABLED", false, "NOTE", "legacy")));
      assertThat(o.get("DURATION")).isPresent();
    } finally {
      observer.close();
    }
  }

  @Test
  void emptyResultHasNoValueAndNoRow() throws Exception {
    SqlObserver observer = new SqlObserver(spec("select id from tenants where id < 0", 10), fx.env,
        Duration.ofSeconds(5));
    try {
      Observation o = fx.observe(observer, BOUND).observation();
      assertThat(o.get("ROWS")).contains(0);
      assertThat(o.has("VALUE")).isFalse();
      assertThat(o.has("ROW")).isFalse();
      assertThat(o.get("RESULT")).contains(List.of());
    } finally {
      observer.close();
    }
  }

  @Test
  void moreRowsThanMaxRowsFailsInsteadOfMiscounting() throws Exception {
    SqlObserver observer = new SqlObserver(spec("select id from tenants", 1), fx.env, Duration.ofSeconds(5));
    try {
      assertThat(fx.observe(observer, BOUND).errorMessage()).contains("more than 1 rows (max-rows)");
    } finally {
      observer.close();
    }
  }

  @Test
  void oneSharedPoolPerUrlAndUserClosedWithTheLastProbe() throws Exception {
    SqlObserver a = new SqlObserver(spec("select 1", 10), fx.env, Duration.ofSeconds(5));
    SqlObserver b = new SqlObserver(spec("select 2", 10), fx.env, Duration.ofSeconds(5));
    int before = SqlPools.open();
    assertThat(fx.observe(a, BOUND).observation().get("VALUE")).contains(1);
    assertThat(fx.observe(b, BOUND).observation().get("VALUE")).contains(2);
    assertThat(SqlPools.open()).isEqualTo(before + 1);
    a.close();
    assertThat(SqlPools.open()).isEqualTo(before + 1);
    b.close();
    assertThat(SqlPools.open()).isEqualTo(before);
  }

  @Test
  void passwordIsASecret() {
    spec("select 1", 1);
    new SqlObserver(spec("select 1", 1), fx.env, Duration.ofSeconds(5)).close();
    assertThat(fx.secrets.redact("login pw-secret failed")).isEqualTo("login **** failed");
  }

  @Test
  void intervalsBecomeDurationsAndArraysLists() throws Exception {
    assertThat(SqlObserver.value(new PGInterval(0, 0, 1, 2, 30, 1.5))).isEqualTo(Duration.parse("PT26H30M1.5S"));
    assertThat(SqlObserver.value(java.sql.Timestamp.from(java.time.Instant.parse("2024-05-01T00:00:00Z"))))
        .isEqualTo("2024-05-01T00:00:00Z");
    assertThat(SqlObserver.value(new byte[3])).isEqualTo("(3 bytes)");
  }

  @Test
  void defaultConditionAndConfigProblems() {
    assertThat(KIND.defaultConditions(spec("select 1", 1))).containsExactly("[ROWS] > 0");
    assertThat(DataProbeFixture.parse(KIND, "url: postgres://db/app\nquery: select 1").problems())
        .singleElement().asString().contains("expected a JDBC URL");
    assertThat(DataProbeFixture.parse(KIND, "url: jdbc:nosuchdb://db/app\nquery: select 1").problems())
        .singleElement().asString().contains("no JDBC driver for jdbc:nosuchdb:");
    assertThat(DataProbeFixture.parse(KIND, "url: jdbc:postgresql://db/app").problems())
        .singleElement().asString().contains("missing required key 'sql.query'");
    assertThat(DataProbeFixture.parse(KIND, "url: jdbc:postgresql://db/app\nquery: select 1\nmax-rows: 0")
        .problems()).singleElement().asString().contains("between 1 and 100000");
    assertThat(DataProbeFixture.parse(KIND, "url: jdbc:postgresql://db/app\nquery: select 1\npasword: x")
        .problems()).singleElement().asString().contains("did you mean 'password'");
  }
}
