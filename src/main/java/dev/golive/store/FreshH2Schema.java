package dev.golive.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Creates the schema of a new, empty H2 store without Flyway: the migrations under {@code db/migration} run in order
 * and each is recorded in {@code flyway_schema_history} exactly as Flyway records it (description, script, checksum,
 * type), so Flyway later sees a history of its own and applies only newer migrations. Starting Flyway (its plugins,
 * configuration and class-path scan) costs most of a first start; here it costs the SQL alone. Anything but an empty
 * H2 database is left to Flyway.
 */
final class FreshH2Schema {
  /** The migrations in order; {@code SchemaVersionTest} keeps this list in step with the folder. */
  static final List<String> MIGRATIONS = List.of("V1__items_and_evidence.sql", "V2__deployments_and_triggers.sql",
      "V3__alert_outbox.sql", "V4__heartbeats.sql", "V14__cluster.sql");
  private static final String FOLDER = "db/migration/";

  private FreshH2Schema() {}

  /**
   * Creates the schema when {@code url} is H2 and its schema holds no table yet; false (nothing done) otherwise.
   * Blocking. A failure part way leaves what Flyway would have left (the history of what was applied).
   */
  static boolean createIfEmpty(String url, DataSource pool) throws SQLException {
    if (!url.startsWith("jdbc:h2:")) return false;
    try (Connection c = pool.getConnection()) {
      if (!empty(c)) return false;
      String user = c.getMetaData().getUserName();
      try (Statement st = c.createStatement()) {
        st.execute("""
            create table "flyway_schema_history" (
              "installed_rank" integer not null,
              "version" varchar(50),
              "description" varchar(200) not null,
              "type" varchar(20) not null,
              "script" varchar(1000) not null,
              "checksum" integer,
              "installed_by" varchar(100) not null,
              "installed_on" timestamp default current_timestamp not null,
              "execution_time" integer not null,
              "success" boolean not null,
              constraint "flyway_schema_history_pk" primary key ("installed_rank"))""");
        st.execute("create index \"flyway_schema_history_s_idx\" on \"flyway_schema_history\" (\"success\")");
      }
      record(c, -1, null, "<< Flyway Schema History table created >>", "TABLE", "", null, user, 0);
      int rank = 1;
      for (String script : MIGRATIONS) {
        String sql = read(script);
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
          st.execute(sql); // H2 runs a script of several statements in one call
        }
        int ms = (int) ((System.nanoTime() - t0) / 1_000_000);
        String name = script.substring(0, script.length() - ".sql".length());
        String version = name.substring(1, name.indexOf("__")).replace('_', '.');
        String description = name.substring(name.indexOf("__") + 2).replace('_', ' ');
        record(c, rank++, version, description, "SQL", script, checksum(sql), user, ms);
      }
      return true;
    }
  }

  private static boolean empty(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "select count(*) from information_schema.tables where table_schema = current_schema")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }

  private static void record(Connection c, int rank, String version, String description, String type, String script,
      Integer checksum, String user, int ms) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into \"flyway_schema_history\" (\"installed_rank\","
        + " \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
        + " \"success\") values (?, ?, ?, ?, ?, ?, ?, ?, true)")) {
      ps.setInt(1, rank);
      ps.setString(2, version);
      ps.setString(3, description);
      ps.setString(4, type);
      ps.setString(5, script);
      if (checksum == null) ps.setNull(6, java.sql.Types.INTEGER);
      else ps.setInt(6, checksum);
      ps.setString(7, user);
      ps.setInt(8, ms);
      ps.executeUpdate();
    }
  }

  /** Flyway's checksum of a script: CRC-32 over its lines' UTF-8 bytes, without line ends or a leading BOM. */
  static int checksum(String sql) {
    CRC32 crc = new CRC32();
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(sql))) {
      boolean first = true;
      for (String line; (line = r.readLine()) != null; first = false) {
        if (first && line.startsWith("\uFEFF")) line = line.substring(1);
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }

  private static String read(String script) {
    try (InputStream in = FreshH2Schema.class.getClassLoader().getResourceAsStream(FOLDER + script)) {
      if (in == null) throw new IllegalStateException("migration " + FOLDER + script + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
