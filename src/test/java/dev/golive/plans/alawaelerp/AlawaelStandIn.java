package dev.golive.plans.alawaelerp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.demo.Certificates;
import dev.golive.probe.dns.FakeDnsServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * ALAWAEL ERP for {@link AlawaelErpPlanIT}: the application ({@link AlawaelApp}: API, HTTPS with a certificate made
 * here, HTTP→HTTPS redirect), its monitoring stack ({@link OpsStack}), hourly pg_dump files with controlled ages, an
 * encrypted restic repository, and ports that must stay closed. {@link #start} in the healthy or the broken
 * configuration; {@link #env()} is what the plan's {@code ${var:..}}/{@code ${env:..}} resolve to. Blocking.
 */
final class AlawaelStandIn implements AutoCloseable {
  static final String RESTIC = "/usr/bin/restic";
  private static final String RESTIC_PASSWORD = "alawael-restic-standin";
  static final String SERVER_NAME = "erp.alawael.example";
  /** The public name, the load balancer it must point to, and the old address a half-done cut-over still shows. */
  static final String DOMAIN = "erp.alawael.example";
  static final String LB_IP = "203.0.113.10";
  static final String OLD_LB_IP = "198.51.100.7";

  final AlawaelApp app;
  final OpsStack ops;
  private final FakeDnsServer dns;
  private final Path tmp;
  private final Certificates.PemFiles tls;
  private final int sshPort;
  private final int dbPort;
  private final int redisPort;
  private final ServerSocket openSsh;

  private AlawaelStandIn(AlawaelApp app, OpsStack ops, FakeDnsServer dns, Path tmp, Certificates.PemFiles tls,
      int[] ports, ServerSocket openSsh) {
    this.app = app;
    this.ops = ops;
    this.dns = dns;
    this.tmp = tmp;
    this.tls = tls;
    this.sshPort = ports[0];
    this.dbPort = ports[1];
    this.redisPort = ports[2];
    this.openSsh = openSsh;
  }

  /**
   * Starts the stand-in. Broken: the certificate expires in 10 days, HSTS is gone, the cache is down, SSH answers,
   * the error rate is 3%, the CPU alert fires at 95% instead of 80%, the newest backup is 3 hours old, a clerk can
   * manage users, and an integrity check fails.
   */
  static AlawaelStandIn start(Path tmp, boolean broken) throws Exception {
    assertThat(Path.of(RESTIC)).as("restic is required for the ALAWAEL stand-in (apt-get install restic)")
        .isExecutable();
    Instant now = Instant.now();
    Certificates.PemFiles tls = Certificates.write(tmp.resolve("tls"), "alawael", List.of(SERVER_NAME, "127.0.0.1"),
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(broken ? 10 : 90)));
    backups(tmp.resolve("backups"), now, broken ? Duration.ofHours(3) : Duration.ofMinutes(20));
    Path dump = Files.writeString(tmp.resolve("alawael.dump"), "PGDMP alawael\n");
    restic(tmp, "init");
    restic(tmp, "backup", dump.toString(), "--tag", "alawael-erp", "--host", "db1");
    int[] ports = {freePort(), freePort(), freePort()};
    ServerSocket ssh = broken ? new ServerSocket(ports[0], 50, InetAddress.getLoopbackAddress()) : null;
    OpsStack ops = new OpsStack();
    FakeDnsServer dns = new FakeDnsServer().a(DOMAIN, broken ? OLD_LB_IP : LB_IP);
    AlawaelApp app;
    try {
      app = new AlawaelApp(tls.cert().toString(), tls.key().toString());
    } catch (Exception e) {
      ops.close();
      dns.close();
      throw e;
    }
    healthyOps(ops);
    if (broken) {
      app.cacheDown = true;
      app.integrityFailing = true;
      app.clerkIsAdmin = true;
      app.hstsMissing = true;
      ops.series.put("http_requests_total", 0.03);
      ops.rules.put("AlawaelHighCpu", "100 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) * 100 > 95");
    }
    return new AlawaelStandIn(app, ops, dns, tmp, tls, ports, ssh);
  }

  /** Metrics, alert rules, dashboards and log indices of a healthy production. */
  private static void healthyOps(OpsStack ops) {
    ops.series.put("http_requests_total", 0.0004);
    ops.series.put("http_request_duration_seconds_bucket", 0.21);
    ops.series.put("alawael_log_events_total", 0.0);
    ops.series.put("probe_success", 0.0);
    ops.series.put("up{job=\"alawael-erp\"}", 1.0);
    ops.series.put("ALERTS", 0.0);
    ops.series.put("alawael_active_sessions", 42.0);
    ops.series.put("up{job=\"node-exporter\"", 3.0);
    ops.series.put("pg_replication_lag_seconds", 0.8);
    ops.series.put("pg_database_size_bytes", 12e9);
    ops.series.put("alawael_restore_drill_duration_seconds", 5400.0);
    String node = "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes";
    ops.rules.putAll(Map.of(
        "AlawaelHighCpu", "100 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) * 100 > 80",
        "AlawaelHighMemory", "(1 - " + node + ") * 100 > 85",
        "AlawaelDiskSpace", "(1 - node_filesystem_avail_bytes / node_filesystem_size_bytes) * 100 > 90",
        "AlawaelDatabaseDown", "pg_up == 0",
        "AlawaelHighErrorRate", "sum(rate(http_requests_total{status=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.01",
        "AlawaelSlowResponses", "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 5",
        "AlawaelApiDown", "up{job=\"alawael-erp\"} == 0",
        "AlawaelCertificateExpiry", "probe_ssl_earliest_cert_expiry - time() < 14 * 86400",
        "AlawaelBackupFailed", "time() - alawael_backup_last_success_timestamp_seconds > 3600",
        "AlawaelSecurityEvent", "increase(alawael_security_events_total[5m]) > 0"));
    ops.dashboards.addAll(List.of("alawael-main", "alawael-performance", "alawael-errors", "alawael-business"));
    ops.indices.addAll(List.of("alawael-app-2026.02.24", "alawael-access-2026.02.24", "alawael-error-2026.02.24",
        "alawael-audit-2026.02.24"));
  }

  /** Three hourly dumps, the newest {@code newest} old; each a complete gzip stream. */
  private static void backups(Path dir, Instant now, Duration newest) throws Exception {
    Files.createDirectories(dir);
    for (int i = 0; i < 3; i++) {
      Path f = dir.resolve("alawael-" + i + ".sql.gz");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(("-- PostgreSQL database dump " + i + "\ncreate table invoices (id int);\n").getBytes());
      }
      Files.write(f, out.toByteArray());
      Files.setLastModifiedTime(f, FileTime.from(now.minus(newest).minus(Duration.ofHours(i))));
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void restic(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(RESTIC, "-r", dir.resolve("restic-repo").toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(dir.resolve("restic.log").toFile());
    pb.environment().put("RESTIC_PASSWORD", RESTIC_PASSWORD);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("restic %s finished", argv).isTrue();
    assertThat(p.exitValue()).as("restic %s: %s", argv, Files.readString(dir.resolve("restic.log"))).isZero();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("ALAWAEL_URL", app.apiUrl());
    env.put("ALAWAEL_HTTP_URL", app.redirectUrl());
    env.put("ALAWAEL_WEB_ORIGIN", AlawaelApp.WEB_ORIGIN);
    env.put("ALAWAEL_HOST", "127.0.0.1");
    env.put("ALAWAEL_TLS_PORT", String.valueOf(app.httpsPort()));
    env.put("ALAWAEL_SSH_PORT", String.valueOf(sshPort));
    env.put("ALAWAEL_DB_PORT", String.valueOf(dbPort));
    env.put("ALAWAEL_REDIS_PORT", String.valueOf(redisPort));
    env.put("ALAWAEL_SERVER_NAME", SERVER_NAME);
    env.put("ALAWAEL_CA_FILE", tls.caCert().toString());
    env.put("ALAWAEL_DOMAIN", DOMAIN);
    env.put("ALAWAEL_LB_IP", LB_IP);
    env.put("ALAWAEL_DNS_RESOLVER", "127.0.0.1:" + dns.port());
    env.put("PROMETHEUS_URL", ops.url());
    env.put("ALERTMANAGER_URL", ops.url());
    env.put("GRAFANA_URL", ops.url());
    env.put("ELASTICSEARCH_URL", ops.url());
    env.put("ALAWAEL_BACKUP_DIR", tmp.resolve("backups").toString());
    env.put("RESTIC_REPOSITORY", tmp.resolve("restic-repo").toString());
    env.put("RESTIC_PASSWORD", RESTIC_PASSWORD);
    env.put("ALAWAEL_PROBE_PASSWORD", AlawaelApp.PROBE_PASSWORD);
    env.put("ALAWAEL_CLERK_TOKEN", "clerk-token");
    env.put("ALAWAEL_ADMIN_TOKEN", "admin-token");
    env.put("GRAFANA_TOKEN", OpsStack.GRAFANA_TOKEN);
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    return env;
  }

  @Override
  public void close() throws Exception {
    try {
      app.close();
      ops.close();
      dns.close();
    } finally {
      if (openSsh != null) openSsh.close();
    }
  }
}
