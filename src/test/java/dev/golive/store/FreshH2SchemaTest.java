package dev.golive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A new H2 store gets its schema without Flyway, recorded so that Flyway takes it for its own work. */
class FreshH2SchemaTest {
  private static JdbcDataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:fresh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  private static List<String> history(JdbcDataSource ds) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "select \"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\","
            + " \"installed_by\", \"success\" from \"flyway_schema_history\" order by \"installed_rank\"")) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int k = 1; k <= 8; k++) row.add(String.valueOf(rs.getObject(k)));
        out.add(String.join(" | ", row));
      }
    }
    return out;
  }

  private static String schema(JdbcDataSource ds) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("script nodata")) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (!line.startsWith("--") && !line.startsWith("CREATE USER")) sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void recordsWhatFlywayRecordsAndMakesTheSameSchema() throws Exception {
    JdbcDataSource byFlyway = h2();
    Flyway.configure().dataSource(byFlyway).locations("classpath:db/migration").load().migrate();
    JdbcDataSource fresh = h2();
    assertThat(FreshH2Schema.createIfEmpty("jdbc:h2:mem:x", fresh)).isTrue();

    assertThat(history(fresh)).hasSize(FreshH2Schema.MIGRATIONS.size() + 1).isEqualTo(history(byFlyway));
    assertThat(schema(fresh)).isEqualTo(schema(byFlyway));
    assertThat(JdbcStore.upToDate(fresh)).isTrue();
  }

  @Test
  void flywayValidatesTheHistoryAndFindsNothingToDo() throws Exception {
    JdbcDataSource fresh = h2();
    FreshH2Schema.createIfEmpty("jdbc:h2:mem:x", fresh);
    Flyway flyway = Flyway.configure().dataSource(fresh).locations("classpath:db/migration").load();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    assertThat(flyway.migrate().migrationsExecuted).isZero();
  }

  @Test
  void leavesAnyOtherDatabaseToFlyway() throws Exception {
    JdbcDataSource used = h2();
    try (Connection c = used.getConnection(); Statement st = c.createStatement()) {
      st.execute("create table something_else (id int)");
    }
    assertThat(FreshH2Schema.createIfEmpty("jdbc:h2:mem:x", used)).isFalse();
    assertThat(FreshH2Schema.createIfEmpty("jdbc:postgresql://127.0.0.1:1/x", h2())).isFalse();
  }

  @Test
  void listsEveryMigrationInOrder() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      assertThat(FreshH2Schema.MIGRATIONS).as("FreshH2Schema.MIGRATIONS after adding a migration")
          .containsExactlyElementsOf(files.map(f -> f.getFileName().toString()).filter(f -> f.matches("V.*__.*\\.sql"))
              .sorted(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.substring(1, f.indexOf("__")))))
              .toList());
    }
  }
}
