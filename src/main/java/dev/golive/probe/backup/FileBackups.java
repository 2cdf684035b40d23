package dev.golive.probe.backup;

import dev.golive.condition.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Backup files on a local (or mounted) file system. Blocking; bounded by a deadline and a file-count cap. */
final class FileBackups {
  static final int MAX_FILES = 100_000;
  private static final int BUFFER = 64 * 1024;

  private FileBackups() {}

  record Found(Path file, Instant modified, long size) {}

  /** Observes the newest file matching {@code spec.glob()} at {@code now}; fails when none matches. */
  static Observation observe(BackupSpec.Files spec, Duration period, Instant now, long deadlineNanos)
      throws IOException, TimeoutException {
    List<Found> all = find(spec.glob());
    if (all.isEmpty()) throw new NoSuchFileException("no backup file matches " + spec.glob());
    Found newest = all.stream().max(Comparator.comparing(Found::modified).thenComparing(Found::file)).orElseThrow();
    Instant since = now.minus(period);
    long recent = all.stream().filter(f -> f.modified().isAfter(since)).count();
    Observation.Builder b = Observation.builder()
        .put("AGE", Duration.between(newest.modified(), now))
        .put("SIZE", newest.size())
        .put("COUNT", recent)
        .put("SNAPSHOTS", all.size())
        .put("FILE", newest.file().toString())
        .put("LATEST", newest.modified().toString());
    if (!spec.verify().equals("none")) {
      String problem = spec.verify().equals("gzip") ? gzipProblem(newest.file(), deadlineNanos)
          : checksumProblem(newest.file(), deadlineNanos);
      b.put("INTEGRITY", problem == null).put("INTEGRITY_DETAIL", problem == null ? spec.verify() + " ok" : problem);
    }
    return b.build();
  }

  /** Regular files matching an absolute glob, except {@code .sha256} side files. */
  static List<Found> find(String glob) throws IOException {
    String[] parts = glob.substring(1).split("/");
    Path base = Path.of("/");
    int i = 0;
    while (i < parts.length - 1 && !hasGlob(parts[i])) base = base.resolve(parts[i++]);
    int depth = glob.contains("**") ? Integer.MAX_VALUE : parts.length - i;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Found> out = new ArrayList<>();
    if (!Files.isDirectory(base)) return out;
    try (Stream<Path> s = Files.find(base, depth, (p, a) -> a.isRegularFile() && matcher.matches(p)
        && !p.getFileName().toString().endsWith(".sha256"))) {
      s.limit(MAX_FILES).forEach(p -> {
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          out.add(new Found(p, a.lastModifiedTime().toInstant(), a.size()));
        } catch (IOException e) {
          // vanished between listing and reading (rotation): not a backup any more
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  private static boolean hasGlob(String segment) {
    return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** Null when the whole gzip stream (every member) decompresses with valid CRCs; else what is wrong. */
  static String gzipProblem(Path file, long deadlineNanos) throws IOException, TimeoutException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER)) {
      byte[] buf = new byte[BUFFER];
      while (in.read(buf) >= 0) checkDeadline(deadlineNanos, file);
      return null;
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      return "gzip: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Null when {@code <file>.sha256} (as written by sha256sum, or the bare hex) matches the file's SHA-256. */
  static String checksumProblem(Path file, long deadlineNanos) throws IOException, TimeoutException {
    Path side = file.resolveSibling(file.getFileName() + ".sha256");
    if (!Files.isRegularFile(side)) return "no checksum file " + side.getFileName();
    String text = Files.readString(side, StandardCharsets.UTF_8).strip();
    String expected = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
    if (!expected.matches("[0-9a-f]{64}")) return "checksum file " + side.getFileName() + " holds no SHA-256";
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) >= 0; ) {
        sha.update(buf, 0, n);
        checkDeadline(deadlineNanos, file);
      }
    }
    String actual = HexFormat.of().formatHex(sha.digest());
    return actual.equals(expected) ? null : "sha256 mismatch: file " + actual.substring(0, 12) + "..., "
        + side.getFileName() + " says " + expected.substring(0, 12) + "...";
  }

  private static void checkDeadline(long deadlineNanos, Path file) throws TimeoutException {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new TimeoutException("verifying " + file + " did not finish within the probe's timeout");
    }
  }
}
