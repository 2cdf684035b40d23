package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.cli.GoliveProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl from the Debian package, on a free loopback port, trust
 * authentication), so that a test may stop and start it without touching the shared server other tests use. Runs as
 * the {@code postgres} user when the test runs as root (initdb refuses root).
 */
final class PrivatePostgres implements AutoCloseable {
  final int port;
  private final Path dir;
  private final Path bin;

  private PrivatePostgres(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
  }

  static PrivatePostgres create() throws Exception {
    Path versions = Path.of("/usr/lib/postgresql");
    assertThat(versions).as("PostgreSQL server binaries (apt-get install postgresql)").isDirectory();
    Path bin;
    try (var list = Files.list(versions)) {
      bin = list.max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""))))
          .orElseThrow().resolve("bin");
    }
    Path dir = Files.createTempDirectory("golive-private-pg");
    PrivatePostgres pg = new PrivatePostgres(dir, bin, GoliveProcess.freePort());
    if (root()) run("chown", "-R", "postgres:postgres", dir.toString());
    pg.as(bin.resolve("initdb") + " -D " + dir.resolve("data") + " -A trust -U postgres -E UTF8 --no-sync");
    pg.start();
    return pg;
  }

  String adminUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  void start() throws Exception {
    as(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -l " + dir.resolve("server.log") + " -w -t 60"
        + " -o '-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off' start");
  }

  void stop() throws Exception {
    as(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m fast -w -t 60 stop");
  }

  private void as(String command) throws Exception {
    if (root()) run("su", "postgres", "-s", "/bin/sh", "-c", command);
    else run("/bin/sh", "-c", command);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", String.join(" ", cmd)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
    } catch (Exception | AssertionError e) {
      // already stopped
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
