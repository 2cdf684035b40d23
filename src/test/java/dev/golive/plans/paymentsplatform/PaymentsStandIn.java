package dev.golive.plans.paymentsplatform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The payments platform for {@link PaymentsPlanIT}: its edge functions ({@link PaymentsApi}) on a loopback port, its
 * database as a private database on the real PostgreSQL ({@link PaymentsDatabase}), and its backups as a real restic
 * repository. {@link #env()} is what the plan's {@code ${var:..}} and {@code ${env:..}} resolve to. Blocking.
 */
final class PaymentsStandIn implements AutoCloseable {
  static final String RESTIC = "/usr/bin/restic";
  private static final String RESTIC_PASSWORD = "standin-restic-password";

  final PaymentsApi api;
  final PaymentsDatabase db;
  private final Path repo;

  private PaymentsStandIn(PaymentsApi api, PaymentsDatabase db, Path repo) {
    this.api = api;
    this.db = db;
    this.repo = repo;
  }

  static PaymentsStandIn start(Path tmp) throws Exception {
    assertThat(Path.of(RESTIC)).as("restic is required for the payments stand-in (apt-get install restic)")
        .isExecutable();
    Files.createDirectories(tmp);
    Path repo = tmp.resolve("restic-repo");
    Path dump = Files.writeString(tmp.resolve("payments.dump"), "PGDMP stand-in dump\n");
    restic(tmp, "-r", repo.toString(), "init");
    restic(tmp, "-r", repo.toString(), "backup", dump.toString(), "--tag", "postgres", "--host", "db1");
    PaymentsDatabase db = PaymentsDatabase.create();
    try {
      return new PaymentsStandIn(new PaymentsApi(), db, repo);
    } catch (Exception e) {
      db.close();
      throw e;
    }
  }

  private static void restic(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(RESTIC));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(dir.resolve("restic.log").toFile());
    pb.environment().put("RESTIC_PASSWORD", RESTIC_PASSWORD);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("restic %s finished", argv).isTrue();
    assertThat(p.exitValue()).as("restic %s: %s", argv, Files.readString(dir.resolve("restic.log"))).isZero();
  }

  /** Breaks the stand-in: every claim named in {@link PaymentsPlanIT#BROKEN} stops being true. */
  void breakIt() throws Exception {
    db.breakIt();
    api.broken(true);
  }

  Map<String, String> env() {
    return Map.ofEntries(
        Map.entry("PAYMENTS_URL", api.url()),
        Map.entry("PAYMENTS_APP_ORIGIN", PaymentsApi.APP_ORIGIN),
        Map.entry("PAYMENTS_DB_URL", db.url()),
        Map.entry("PAYMENTS_DB_USER", db.readOnlyUser()),
        Map.entry("PAYMENTS_DB_PASSWORD", db.readOnlyPassword()),
        Map.entry("PAYMENTS_SUPER_ADMIN_TOKEN", "sa-token"),
        Map.entry("PAYMENTS_OWNER_TOKEN", "owner-token"),
        Map.entry("PAYMENTS_ADMIN_TOKEN", "admin-token"),
        Map.entry("PAYMENTS_MEMBER_TOKEN", "member-token"),
        Map.entry("PAYMENTS_AAL1_TOKEN", "aal1-token"),
        Map.entry("STRIPE_WEBHOOK_SECRET", PaymentsApi.WEBHOOK_SECRET),
        Map.entry("PAYMENTS_RESTIC_REPOSITORY", repo.toString()),
        Map.entry("PAYMENTS_RESTIC_PASSWORD", RESTIC_PASSWORD),
        Map.entry("ALERTMANAGER_URL", "http://127.0.0.1:9"),
        Map.entry("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
        Map.entry("HOME", System.getProperty("java.io.tmpdir")));
  }

  @Override
  public void close() throws Exception {
    try {
      api.close();
    } finally {
      db.close();
    }
  }
}
