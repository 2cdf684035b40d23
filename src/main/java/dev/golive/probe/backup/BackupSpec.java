package dev.golive.probe.backup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A {@code backup} probe: where the backups are ({@link Source}) and how often one is expected ({@code period}). */
public record BackupSpec(Source source, Duration period) {

  /** Where backups come from. */
  public sealed interface Source permits Files, Restic, PgBackRest {}

  /** Backup files matching an absolute glob; {@code verify} is {@code gzip}, {@code checksum} or {@code none}. */
  public record Files(String glob, String verify) implements Source {}

  /**
   * A restic repository; exactly one of {@code password} (resolved, a secret) and {@code passwordFile} is set;
   * {@code host}, {@code tag}, {@code path} filter snapshots (null: any). {@code passEnv}/{@code setEnv} add to the
   * program's environment (e.g. cloud credentials).
   */
  public record Restic(String binary, String repository, String password, String passwordFile, String host,
      String tag, String path, List<String> passEnv, Map<String, String> setEnv) implements Source {
    public Restic {
      passEnv = List.copyOf(passEnv);
      setEnv = Map.copyOf(setEnv);
    }

    @Override
    public String toString() {
      return "Restic[" + repository + "]";
    }
  }

  /** A pgBackRest stanza; {@code config} is an optional {@code --config} file. */
  public record PgBackRest(String binary, String stanza, String config, List<String> passEnv,
      Map<String, String> setEnv) implements Source {
    public PgBackRest {
      passEnv = List.copyOf(passEnv);
      setEnv = Map.copyOf(setEnv);
    }
  }
}
