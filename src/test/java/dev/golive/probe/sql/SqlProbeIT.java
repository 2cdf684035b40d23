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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real PostgreSQL given by GOLIVE_TEST_PG_URL, GOLIVE_TEST_PG_USER and GOLIVE_TEST_PG_PASSWORD; works in a
 * schema of its own, dropped afterwards.
 */
class SqlProbeIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static String url;
  private static String user;
  private static String password;
  private static String schema;
  private static DataProbeFixture fx;

  @BeforeAll
  static void start() throws Exception {
    url = System.getenv("GOLIVE_TEST_PG_URL");
    user = System.getenv("GOLIVE_TEST_PG_USER");
    password = System.getenv("GOLIVE_TEST_PG_PASSWORD");
    assertThat(url).as("GOLIVE_TEST_PG_URL must name a PostgreSQL for SqlProbeIT, e.g. "
        + "jdbc:postgresql://127.0.0.1:5432/postgres").isNotBlank();
    assertThat(user).as("GOLIVE_TEST_PG_USER must be set").isNotBlank();
    assertThat(password).as("GOLIVE_TEST_PG_PASSWORD must be set").isNotNull();
    fx = new DataProbeFixture(Map.of("PG_PASSWORD", password));
    schema = "golive_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("create schema " + schema,
        "create table " + schema + ".tenants(id int primary key, name text)",
        "create table " + schema + ".invoices(id int primary key, tenant int)",
        "alter table " + schema + ".tenants enable row level security",
        "create function " + schema + ".current_tenant() returns int language sql as 'select 1'",
        "create table " + schema + ".flyway_schema_history(installed_rank int, version text, success boolean)",
        "insert into " + schema + ".flyway_schema_history values (1, '1', true), (2, '2', true), (3, '3', false)");
  }

  @AfterAll
  static void stop() throws Exception {
    if (schema != null) admin("drop schema " + schema + " cascade");
    if (fx != null) fx.close();
  }

  private static void admin(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }

  private static DataProbeFixture.Outcome query(String sql, Duration timeout) throws Exception {
    DataProbeFixture.Parsed<SqlSpec> p = DataProbeFixture.parse(new SqlProbeKind(), "url: \"" + url + "\"\nuser: "
        + user + "\npassword: \"${env:PG_PASSWORD}\"\nquery: |\n  " + sql, Map.of("PG_PASSWORD", password));
    assertThat(p.problems()).isEmpty();
    SqlObserver observer = new SqlObserver(p.spec(), fx.env, timeout);
    try {
      return fx.observe(observer, BOUND);
    } finally {
      observer.close();
    }
  }

  private static String tablesWithoutRls() {
    return "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '"
        + schema + "' and c.relkind = 'r' and not c.relrowsecurity order by 1";
  }

  @Test
  void rowLevelSecurityCheckListsTheTablesWithoutIt() throws Exception {
    Observation before = query(tablesWithoutRls(), Duration.ofSeconds(10)).observation();
    assertThat(before.get("RESULT")).contains(List.of(Map.of("relname", "flyway_schema_history"),
        Map.of("relname", "invoices")));
    assertThat(before.get("ROWS")).contains(2);

    admin("alter table " + schema + ".invoices enable row level security",
        "alter table " + schema + ".flyway_schema_history enable row level security");
    try {
      Observation after = query(tablesWithoutRls(), Duration.ofSeconds(10)).observation();
      assertThat(after.get("ROWS")).contains(0);
    } finally {
      admin("alter table " + schema + ".invoices disable row level security",
          "alter table " + schema + ".flyway_schema_history disable row level security");
    }
  }

  @Test
  void requiredFunctionsPresentAndAbsent() throws Exception {
    String sql = "select count(*) as present from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
        + "where n.nspname = '" + schema + "' and p.proname in ('current_tenant', 'audit_trigger')";
    Observation o = query(sql, Duration.ofSeconds(10)).observation();
    assertThat(o.get("VALUE")).contains(1L);
    assertThat(o.get("ROW")).contains(Map.of("present", 1L));
  }

  @Test
  void schemaAtMigrationVersion() throws Exception {
    Observation o = query("select max(version::int) from " + schema + ".flyway_schema_history where success",
        Duration.ofSeconds(10)).observation();
    assertThat(o.get("VALUE")).contains(2);
  }

  @Test
  void walArchivingAgeIsADurationOrNoDataWhenNeverArchived() throws Exception {
    Observation o = query("select now() - last_archived_time as since_last_archive, archived_count "
        + "from pg_stat_archiver", Duration.ofSeconds(10)).observation();
    assertThat(o.get("ROWS")).contains(1);
    assertThat(o.get("ROW").map(r -> ((Map<?, ?>) r).get("archived_count"))).isPresent();
    Object since = o.get("VALUE").orElse(null);
    assertThat(since == null || since instanceof Duration).isTrue();
    assertThat(query("select interval '90 minutes'", Duration.ofSeconds(10)).observation().get("VALUE"))
        .contains(Duration.ofMinutes(90));
  }

  @Test
  void queriesRunReadOnly() throws Exception {
    String error = query("insert into " + schema + ".tenants values (7, 'x') returning id", Duration.ofSeconds(10))
        .errorMessage();
    assertThat(error).contains("read-only transaction");
    assertThat(query("select count(*) from " + schema + ".tenants", Duration.ofSeconds(10)).observation()
        .get("VALUE")).contains(0L);
  }

  @Test
  void slowQueryIsCancelledByTheStatementTimeout() throws Exception {
    long t0 = System.nanoTime();
    String error = query("select pg_sleep(30)", Duration.ofSeconds(2)).errorMessage();
    assertThat(error).containsIgnoringCase("cancel");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void wrongPasswordFailsWithoutShowingIt() throws Exception {
    DataProbeFixture.Parsed<SqlSpec> p = DataProbeFixture.parse(new SqlProbeKind(), "url: \"" + url + "\"\nuser: "
        + user + "\npassword: \"${env:BAD}\"\nquery: select 1", Map.of("BAD", "definitely-wrong-pw"));
    SqlObserver observer = new SqlObserver(p.spec(), fx.env, Duration.ofSeconds(3));
    try {
      String error = fx.observe(observer, BOUND).errorMessage();
      assertThat(fx.secrets.redact(error)).doesNotContain("definitely-wrong-pw");
      assertThat(error).startsWith("cannot connect to " + url).contains("password authentication failed");
    } finally {
      observer.close();
    }
  }
}
