package dev.golive.probe.backup;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.command.CommandProbeKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code backup}: the newest backup file matching a glob ({@code path}), the latest restic snapshot ({@code restic})
 * or the latest good pgBackRest backup ({@code pgbackrest}). Observes {@code AGE} (Duration since the newest backup),
 * {@code SIZE} (bytes), {@code COUNT} (backups within {@code period}), {@code SNAPSHOTS} (all backups found),
 * {@code INTEGRITY} (files only: gzip stream fully readable or {@code <file>.sha256} matches), {@code FILE} /
 * {@code LATEST} (which backup, when).
 */
public final class BackupProbeKind implements ProbeKind<BackupSpec> {
  static final Duration DEFAULT_PERIOD = Duration.ofHours(24);

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("AGE:duration SIZE:size COUNT:count SNAPSHOTS:count INTEGRITY:bool INTEGRITY_DETAIL:text"
        + " FILE:text LATEST:timestamp");
  }

  @Override
  public BackupSpec parse(ConfigNode block) {
    if (!block.allowOnly("path", "verify", "period", "restic", "pgbackrest")) return null;
    Duration period = block.duration("period", DEFAULT_PERIOD);
    if (period.isZero() || period.isNegative()) {
      block.get("period").orElse(block).problem("must be positive");
      return null;
    }
    List<String> sources = new ArrayList<>();
    for (String k : List.of("path", "restic", "pgbackrest")) if (block.has(k)) sources.add(k);
    if (sources.size() != 1) {
      block.problem(sources.isEmpty()
          ? "needs one of path (a glob of backup files), restic or pgbackrest"
          : "has several sources " + sources + "; use one backup probe per source");
      return null;
    }
    if (!sources.get(0).equals("path") && block.has("verify")) {
      block.get("verify").get().problem("verify applies to backup files (path) only");
    }
    BackupSpec.Source source = switch (sources.get(0)) {
      case "path" -> files(block);
      case "restic" -> restic(block.get("restic").get());
      default -> pgbackrest(block.get("pgbackrest").get());
    };
    return source == null ? null : new BackupSpec(source, period);
  }

  private static BackupSpec.Files files(ConfigNode block) {
    String glob = block.requiredString("path");
    if (glob == null) return null;
    if (!glob.startsWith("/")) {
      block.get("path").get().problem("must be an absolute path or glob, e.g. /var/backups/db/*.sql.gz");
      return null;
    }
    String verify = block.choice("verify", glob.endsWith(".gz") ? "gzip" : "none", "gzip", "checksum", "none");
    return new BackupSpec.Files(glob, verify);
  }

  private static BackupSpec.Restic restic(ConfigNode n) {
    if (!n.allowOnly("repository", "password", "password-file", "host", "tag", "path", "binary", "env")) return null;
    String repository = n.requiredString("repository");
    String password = n.string("password", null);
    String passwordFile = n.string("password-file", null);
    if ((password == null) == (passwordFile == null)) {
      n.problem("needs exactly one of password (e.g. \"${env:RESTIC_PASSWORD}\") or password-file");
      return null;
    }
    CommandProbeKind.Env env = CommandProbeKind.env(n);
    String binary = n.string("binary", "restic");
    if (repository == null || env == null) return null;
    return new BackupSpec.Restic(binary, repository, password, passwordFile, n.string("host", null),
        n.string("tag", null), n.string("path", null), env.pass(), env.set());
  }

  private static BackupSpec.PgBackRest pgbackrest(ConfigNode n) {
    if (!n.allowOnly("stanza", "config", "binary", "env")) return null;
    String stanza = n.requiredString("stanza");
    CommandProbeKind.Env env = CommandProbeKind.env(n);
    if (stanza == null || env == null) return null;
    return new BackupSpec.PgBackRest(n.string("binary", "pgbackrest"), stanza, n.string("config", null), env.pass(),
        env.set());
  }

  /**
   * {@code [AGE] < period + grace} (grace: period/24, at least 5 minutes: 24h gives 25h); for files also
   * {@code [SIZE] > 0} and, when verified, {@code [INTEGRITY] == true}.
   */
  @Override
  public List<String> defaultConditions(BackupSpec spec) {
    Duration grace = spec.period().dividedBy(24);
    if (grace.compareTo(Duration.ofMinutes(5)) < 0) grace = Duration.ofMinutes(5);
    List<String> out = new ArrayList<>();
    out.add("[AGE] < " + literal(spec.period().plus(grace)));
    if (spec.source() instanceof BackupSpec.Files f) {
      out.add("[SIZE] > 0");
      if (!f.verify().equals("none")) out.add("[INTEGRITY] == true");
    }
    return out;
  }

  /** A one-unit duration literal ({@code 25h}, {@code 65m}) that any duration reader accepts. */
  static String literal(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1_000 == 0) return ms / 1_000 + "s";
    return ms + "ms";
  }

  @Override
  public Observer observer(BackupSpec spec, ProbeEnvironment env, Duration timeout) {
    return new BackupObserver(spec, env, timeout, Clock.systemUTC(), System::getenv);
  }
}
