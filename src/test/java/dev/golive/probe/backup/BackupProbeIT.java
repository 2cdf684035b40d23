package dev.golive.probe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.probe.DataProbeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real restic repositories made by the test; needs /usr/bin/restic (Debian package restic). */
class BackupProbeIT {
  private static final String RESTIC = "/usr/bin/restic";
  private static final String PASSWORD = "it-restic-password";
  private static DataProbeFixture fx;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of(RESTIC)).as("restic is required (apt-get install restic)").isExecutable();
    fx = new DataProbeFixture(Map.of("RP", PASSWORD, "WRONG", "not-the-password"));
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/dump.sql"), "create table t(id int);\n".repeat(100));
    restic("init");
    restic("backup", dir.resolve("data").toString(), "--host", "db1", "--tag", "nightly");
    restic("backup", dir.resolve("data").toString(), "--host", "db2");
  }

  @AfterAll
  static void stop() {
    if (fx != null) fx.close();
  }

  private static void restic(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(RESTIC, "--repo", dir.resolve("repo").toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(dir.resolve("restic.log").toFile());
    pb.environment().put("RESTIC_PASSWORD", PASSWORD);
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("restic %s finished", argv).isTrue();
    assertThat(p.exitValue()).as("restic %s: %s", argv, Files.readString(dir.resolve("restic.log"))).isZero();
  }

  private static DataProbeFixture.Outcome observe(String yaml) throws Exception {
    DataProbeFixture.Parsed<BackupSpec> p = DataProbeFixture.parse(new BackupProbeKind(), yaml,
        Map.of("RP", PASSWORD, "WRONG", "not-the-password"));
    assertThat(p.problems()).isEmpty();
    BackupObserver o = new BackupObserver(p.spec(), fx.env, Duration.ofSeconds(30), Clock.systemUTC(),
        Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString())::get);
    return fx.observe(o, Duration.ofSeconds(60));
  }

  @Test
  void latestSnapshotOfTheRepository() throws Exception {
    Observation o = observe("restic: { repository: " + dir.resolve("repo") + ", password: \"${env:RP}\" }")
        .observation();
    assertThat(o.get("SNAPSHOTS")).contains(2);
    assertThat(o.get("COUNT")).contains(2L);
    assertThat((Duration) o.get("AGE").orElseThrow()).isLessThan(Duration.ofMinutes(5));
    assertThat(Instant.parse((String) o.get("LATEST").orElseThrow())).isBefore(Instant.now());
  }

  @Test
  void hostAndTagFilterSnapshots() throws Exception {
    Observation o = observe("restic: { repository: " + dir.resolve("repo")
        + ", password: \"${env:RP}\", host: db1, tag: nightly }").observation();
    assertThat(o.get("SNAPSHOTS")).contains(1);
    assertThat(observe("restic: { repository: " + dir.resolve("repo") + ", password: \"${env:RP}\", host: db9 }")
        .errorMessage()).isEqualTo("restic repository has no backups");
  }

  @Test
  void passwordFileWorksAndWrongPasswordFailsClearly() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, PASSWORD + "\n");
    assertThat(observe("restic: { repository: " + dir.resolve("repo") + ", password-file: " + file + " }")
        .observation().get("SNAPSHOTS")).contains(2);
    String error = observe("restic: { repository: " + dir.resolve("repo") + ", password: \"${env:WRONG}\" }")
        .errorMessage();
    assertThat(error).startsWith("restic exited with").contains("password");
  }

  @Test
  void missingRepositoryFails() throws Exception {
    assertThat(observe("restic: { repository: " + dir.resolve("nope") + ", password: \"${env:RP}\" }").errorMessage())
        .startsWith("restic exited with");
  }
}
