package dev.golive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart skips Flyway only when the store holds the latest migration; the constant follows the migrations. */
class SchemaVersionTest {
  @TempDir Path dir;

  @Test
  void schemaVersionIsTheHighestMigration() throws Exception {
    Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
    int highest;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      highest = files.map(f -> version.matcher(f.getFileName().toString())).filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
    }
    assertThat(JdbcStore.SCHEMA_VERSION).as("JdbcStore.SCHEMA_VERSION after adding a migration").isEqualTo(highest);
  }

  @Test
  void aMigratedStoreIsUpToDateAndAnEmptyOrOlderOneIsNot() throws Exception {
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      assertThat(JdbcStore.upToDate(store.dataSource())).isTrue();
      try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
        st.executeUpdate("delete from \"flyway_schema_history\" where \"version\" = '" + JdbcStore.SCHEMA_VERSION + "'");
      }
      assertThat(JdbcStore.upToDate(store.dataSource())).as("one migration behind").isFalse();
    }
    org.h2.jdbcx.JdbcDataSource empty = new org.h2.jdbcx.JdbcDataSource();
    empty.setURL("jdbc:h2:mem:schema-" + System.nanoTime());
    assertThat(JdbcStore.upToDate(empty)).as("no history table").isFalse();
  }
}
