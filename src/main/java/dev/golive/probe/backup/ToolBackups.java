package dev.golive.probe.backup;

import dev.golive.condition.Observation;
import dev.golive.probe.command.BoundedProcess;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Backups listed by restic and pgBackRest: building their command lines and reading their JSON. */
final class ToolBackups {
  static final int MAX_OUTPUT = 32 * 1024 * 1024;

  private ToolBackups() {}

  /** One backup: when it finished and its size in bytes (null when the tool does not say). */
  record Backup(Instant at, Long size) {}

  static List<String> resticArgs(BackupSpec.Restic r) {
    List<String> argv = new ArrayList<>(List.of(r.binary(), "snapshots", "--json", "--no-lock"));
    if (r.host() != null) argv.addAll(List.of("--host", r.host()));
    if (r.tag() != null) argv.addAll(List.of("--tag", r.tag()));
    if (r.path() != null) argv.addAll(List.of("--path", r.path()));
    return argv;
  }

  static List<String> pgbackrestArgs(BackupSpec.PgBackRest p) {
    List<String> argv = new ArrayList<>(List.of(p.binary()));
    if (p.config() != null) argv.add("--config=" + p.config());
    argv.addAll(List.of("--stanza=" + p.stanza(), "--output=json", "info"));
    return argv;
  }

  /** restic's {@code snapshots --json}: an array of {time, ...[, summary: {total_bytes_processed}]}. */
  static List<Backup> parseRestic(String json) {
    List<Backup> out = new ArrayList<>();
    for (Object o : array(json, "restic")) {
      if (!(o instanceof JsonObject s) || s.getString("time") == null) continue;
      JsonObject summary = s.getJsonObject("summary");
      Long size = summary == null ? null : summary.getLong("total_bytes_processed");
      out.add(new Backup(OffsetDateTime.parse(s.getString("time")).toInstant(), size));
    }
    return out;
  }

  /**
   * pgBackRest's {@code info --output=json}: stanzas with a status and backups; only backups without
   * {@code error: true} count. A stanza whose status is not ok fails with pgBackRest's own message.
   */
  static List<Backup> parsePgBackRest(String json, String stanza) throws IOException {
    List<Backup> out = new ArrayList<>();
    boolean seen = false;
    for (Object o : array(json, "pgbackrest")) {
      if (!(o instanceof JsonObject st) || !stanza.equals(st.getString("name"))) continue;
      seen = true;
      JsonObject status = st.getJsonObject("status", new JsonObject());
      int code = status.getInteger("code", 0);
      if (code != 0) {
        throw new IOException("pgbackrest stanza " + stanza + ": " + status.getString("message", "status " + code));
      }
      for (Object b : st.getJsonArray("backup", new JsonArray())) {
        if (!(b instanceof JsonObject backup) || Boolean.TRUE.equals(backup.getBoolean("error"))) continue;
        JsonObject ts = backup.getJsonObject("timestamp", new JsonObject());
        Long stop = ts.getLong("stop");
        if (stop == null) continue;
        JsonObject info = backup.getJsonObject("info", new JsonObject());
        out.add(new Backup(Instant.ofEpochSecond(stop), info.getLong("size")));
      }
    }
    if (!seen) throw new IOException("pgbackrest reported no stanza named " + stanza);
    return out;
  }

  private static JsonArray array(String json, String tool) {
    try {
      return new JsonArray(json.strip().isEmpty() ? "[]" : json.strip());
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException(tool + " did not print a JSON array: " + e.getMessage());
    }
  }

  /** AGE, SIZE, COUNT within period, SNAPSHOTS and LATEST from the newest backup; fails when there is none. */
  static Observation observe(List<Backup> backups, Duration period, Instant now, String what) throws IOException {
    Backup newest = backups.stream().max(java.util.Comparator.comparing(Backup::at))
        .orElseThrow(() -> new IOException(what + " has no backups"));
    Instant since = now.minus(period);
    return Observation.builder()
        .put("AGE", Duration.between(newest.at(), now))
        .put("SIZE", newest.size())
        .put("COUNT", backups.stream().filter(b -> b.at().isAfter(since)).count())
        .put("SNAPSHOTS", backups.size())
        .put("LATEST", newest.at().toString())
        .build();
  }

  /** The tool's stdout after a zero exit; else an exception with the exit code and stderr's first lines. */
  static String stdout(String tool, BoundedProcess.Result r) throws IOException {
    if (r.exitCode() != 0) {
      String err = r.stderr().strip().lines().limit(3).reduce((a, b) -> a + " / " + b).orElse("no output");
      throw new IOException(tool + " exited with " + r.exitCode() + ": " + err);
    }
    if (r.stdoutTruncated()) throw new IOException(tool + " printed more than " + (MAX_OUTPUT >> 20) + "MiB");
    return r.stdout();
  }
}
