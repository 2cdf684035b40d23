package dev.golive.probe.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.condition.Observation;
import dev.golive.probe.DataProbeFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupProbeKindTest {
  private static final BackupProbeKind KIND = new BackupProbeKind();
  private static final Instant NOW = Instant.parse("2024-05-03T12:00:00Z");
  private static final Duration BOUND = Duration.ofSeconds(15);
  private static DataProbeFixture fx;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    fx = new DataProbeFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static BackupSpec spec(String yaml) {
    DataProbeFixture.Parsed<BackupSpec> p = DataProbeFixture.parse(KIND, yaml);
    assertThat(p.problems()).isEmpty();
    return p.spec();
  }

  private DataProbeFixture.Outcome observe(BackupSpec spec) throws InterruptedException {
    BackupObserver o = new BackupObserver(spec, fx.env, Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC),
        Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString())::get);
    return fx.observe(o, BOUND);
  }

  private Path file(String name, byte[] content, Duration age) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    Files.setLastModifiedTime(p, FileTime.from(NOW.minus(age)));
    return p;
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.repeat(1000).getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void newestMatchingFileGivesAgeSizeAndCountWithinPeriod() throws Exception {
    file("db/app-1.sql.gz", gzip("old"), Duration.ofHours(50));
    file("db/app-2.sql.gz", gzip("yesterday"), Duration.ofHours(23));
    Path newest = file("db/app-3.sql.gz", gzip("today"), Duration.ofHours(2));
    file("db/app-3.sql.gz.sha256", "x".getBytes(), Duration.ofMinutes(1));
    file("db/notes.txt", "not a backup".getBytes(), Duration.ofMinutes(1));

    Observation o = observe(spec("path: \"" + dir + "/db/*.sql.gz\"")).observation();

    assertThat(o.get("FILE")).contains(newest.toString());
    assertThat(o.get("AGE")).contains(Duration.ofHours(2));
    assertThat(o.get("SIZE")).contains(Files.size(newest));
    assertThat(o.get("COUNT")).contains(2L);
    assertThat(o.get("SNAPSHOTS")).contains(3);
    assertThat(o.get("INTEGRITY")).contains(true);
    assertThat(o.get("LATEST")).contains("2024-05-03T10:00:00Z");
  }

  @Test
  void globsMayCrossDirectories() throws Exception {
    file("2024-05-02/db.dump", "a".getBytes(), Duration.ofHours(30));
    file("2024-05-03/db.dump", "bb".getBytes(), Duration.ofHours(3));
    Observation o = observe(spec("path: \"" + dir + "/2024-*/db.dump\"\nperiod: 1d")).observation();
    assertThat(o.get("AGE")).contains(Duration.ofHours(3));
    assertThat(o.get("SIZE")).contains(2L);
    assertThat(o.has("INTEGRITY")).isFalse();
  }

  @Test
  void noMatchingFileFailsTheRun() throws Exception {
    assertThat(observe(spec("path: \"" + dir + "/db/*.sql.gz\"")).errorMessage())
        .contains("no backup file matches " + dir + "/db/*.sql.gz");
  }

  @Test
  void truncatedOrCorruptGzipIsNotIntact() throws Exception {
    byte[] good = gzip("row;row;row\n");
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    file("t/a.sql.gz", truncated, Duration.ofHours(1));
    Observation o = observe(spec("path: \"" + dir + "/t/*.gz\"")).observation();
    assertThat(o.get("INTEGRITY")).contains(false);
    assertThat((String) o.get("INTEGRITY_DETAIL").orElseThrow()).startsWith("gzip: ");

    byte[] flipped = good.clone();
    flipped[good.length - 6] ^= 0x5a; // inside the CRC32 trailer
    file("c/a.sql.gz", flipped, Duration.ofHours(1));
    assertThat(observe(spec("path: \"" + dir + "/c/*.gz\"")).observation().get("INTEGRITY")).contains(false);

    file("e/a.sql.gz", new byte[0], Duration.ofHours(1));
    assertThat(observe(spec("path: \"" + dir + "/e/*.gz\"")).observation().get("INTEGRITY")).contains(false);
  }

  @Test
  void checksumFileMustMatch() throws Exception {
    byte[] content = "pg_dump output".getBytes(StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    file("ok/db.dump", content, Duration.ofHours(1));
    file("ok/db.dump.sha256", (hex + "  db.dump\n").getBytes(), Duration.ofHours(1));
    Observation ok = observe(spec("path: " + dir + "/ok/db.dump\nverify: checksum")).observation();
    assertThat(ok.get("INTEGRITY")).contains(true);
    assertThat(ok.get("INTEGRITY_DETAIL")).contains("checksum ok");

    file("bad/db.dump", "tampered".getBytes(), Duration.ofHours(1));
    file("bad/db.dump.sha256", hex.getBytes(), Duration.ofHours(1));
    Observation bad = observe(spec("path: " + dir + "/bad/db.dump\nverify: checksum")).observation();
    assertThat(bad.get("INTEGRITY")).contains(false);
    assertThat((String) bad.get("INTEGRITY_DETAIL").orElseThrow()).startsWith("sha256 mismatch");

    file("none/db.dump", content, Duration.ofHours(1));
    Observation none = observe(spec("path: " + dir + "/none/db.dump\nverify: checksum")).observation();
    assertThat(none.get("INTEGRITY")).contains(false);
    assertThat(none.get("INTEGRITY_DETAIL")).contains("no checksum file db.dump.sha256");
  }

  @Test
  void defaultConditionsFollowThePeriod() {
    assertThat(KIND.defaultConditions(spec("path: /var/backups/db/*.sql.gz")))
        .containsExactly("[AGE] < 25h", "[SIZE] > 0", "[INTEGRITY] == true");
    assertThat(KIND.defaultConditions(spec("path: /var/backups/db.dump\nperiod: 1h")))
        .containsExactly("[AGE] < 65m", "[SIZE] > 0");
    assertThat(KIND.defaultConditions(spec("pgbackrest: { stanza: main }\nperiod: 7d")))
        .containsExactly("[AGE] < 175h");
  }

  @Test
  void resticAndPgBackRestJsonAreRead() throws Exception {
    List<ToolBackups.Backup> restic = ToolBackups.parseRestic(fixture("restic-snapshots.json"));
    assertThat(restic).containsExactly(new ToolBackups.Backup(Instant.parse("2024-04-30T23:00:00.123456789Z"), null),
        new ToolBackups.Backup(Instant.parse("2024-05-02T23:30:00.5Z"), 4096L));
    Observation o = ToolBackups.observe(restic, Duration.ofHours(24), NOW, "restic repository");
    assertThat(o.get("AGE")).contains(Duration.ofHours(12).plusMinutes(29).plusSeconds(59).plusMillis(500));
    assertThat(o.get("SNAPSHOTS")).contains(2);
    assertThat(o.get("COUNT")).contains(1L);

    List<ToolBackups.Backup> pg = ToolBackups.parsePgBackRest(fixture("pgbackrest-info.json"), "main");
    assertThat(pg).extracting(ToolBackups.Backup::at)
        .containsExactly(Instant.ofEpochSecond(1714528800), Instant.ofEpochSecond(1714615200));
    assertThatThrownBy(() -> ToolBackups.parsePgBackRest(fixture("pgbackrest-info.json"), "other"))
        .hasMessage("pgbackrest stanza other: no valid backups");
    assertThatThrownBy(() -> ToolBackups.parsePgBackRest(fixture("pgbackrest-info.json"), "absent"))
        .hasMessageContaining("no stanza named absent");
  }

  @Test
  void pgbackrestRunsWithoutShellAndGivesTheLastGoodBackup() throws Exception {
    Path args = dir.resolve("args");
    Path fake = script("fake-pgbackrest", "printf '%s\\n' \"$@\" > " + args + "\ncat " + fixturePath() + "\n");
    BackupSpec spec = spec("pgbackrest: { stanza: main, binary: " + fake + ", config: /etc/pgb.conf }");
    Observation o = observe(spec).observation();
    assertThat(Files.readAllLines(args)).containsExactly("--config=/etc/pgb.conf", "--stanza=main", "--output=json",
        "info");
    assertThat(o.get("LATEST")).contains(Instant.ofEpochSecond(1714615200).toString());
    assertThat(o.get("SIZE")).contains(105906176L);
    assertThat(o.get("SNAPSHOTS")).contains(2);
  }

  @Test
  void resticGetsRepositoryAndPasswordThroughItsEnvironmentOnly() throws Exception {
    Path seen = dir.resolve("seen");
    Path fake = script("fake-restic", "env | sort > " + seen + "\nprintf '%s\\n' \"$@\" >> " + seen
        + "\necho '[]'\n");
    DataProbeFixture.Parsed<BackupSpec> p = DataProbeFixture.parse(KIND, "restic: { repository: /srv/restic, "
        + "password: \"${env:RP}\", host: db1, tag: nightly, binary: " + fake + " }", Map.of("RP", "hunter22"));
    assertThat(p.problems()).isEmpty();
    String error = observe(p.spec()).errorMessage();
    assertThat(error).isEqualTo("restic repository has no backups");
    assertThat(Files.readAllLines(seen)).contains("RESTIC_REPOSITORY=/srv/restic", "RESTIC_PASSWORD=hunter22",
        "HOME=" + dir, "snapshots", "--json", "--no-lock", "--host", "db1", "--tag", "nightly")
        .noneMatch(l -> l.startsWith("--path"));
  }

  @Test
  void toolFailureSaysWhatTheToolSaid() throws Exception {
    Path fake = script("failing-restic", "echo 'Fatal: wrong password or no key found' >&2\nexit 1\n");
    BackupSpec spec = spec("restic: { repository: /srv/restic, password-file: /etc/rp, binary: " + fake + " }");
    assertThat(observe(spec).errorMessage()).isEqualTo("restic exited with 1: Fatal: wrong password or no key found");
  }

  @Test
  void reportsConfigProblems() {
    assertThat(DataProbeFixture.parse(KIND, "period: 24h").problems()).singleElement().asString()
        .contains("needs one of path");
    assertThat(DataProbeFixture.parse(KIND, "path: /a/*.gz\npgbackrest: { stanza: x }").problems())
        .singleElement().asString().contains("several sources [path, pgbackrest]");
    assertThat(DataProbeFixture.parse(KIND, "path: backups/*.gz").problems()).singleElement().asString()
        .contains("must be an absolute path");
    assertThat(DataProbeFixture.parse(KIND, "path: /a/*.gz\nverify: md5").problems()).singleElement().asString()
        .contains("expected one of gzip, checksum, none");
    assertThat(DataProbeFixture.parse(KIND, "restic: { repository: /r }").problems()).singleElement().asString()
        .contains("exactly one of password");
    assertThat(DataProbeFixture.parse(KIND, "restic: { repository: /r, password-file: /p }\nverify: gzip").problems())
        .singleElement().asString().contains("verify applies to backup files");
    assertThat(DataProbeFixture.parse(KIND, "pgbackrest: { stanzas: main }").problems())
        .anySatisfy(s -> assertThat(s).contains("unknown key 'stanzas'").contains("did you mean 'stanza'"));
    assertThat(DataProbeFixture.parse(KIND, "path: /a/*.gz\nperiod: daily").problems()).singleElement().asString()
        .contains("bad duration 'daily'");
  }

  private Path script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static Path fixturePath() throws Exception {
    return Path.of(BackupProbeKindTest.class.getResource("/BackupProbeKindTest/pgbackrest-info.json").toURI());
  }

  private static String fixture(String name) throws Exception {
    return Files.readString(Path.of(BackupProbeKindTest.class.getResource("/BackupProbeKindTest/" + name).toURI()));
  }
}
