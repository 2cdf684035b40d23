package dev.golive.suggest;

import static dev.golive.suggest.ProbeDraft.map;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probe templates for numbers: Prometheus queries, an app's /metrics, the database, backups. Each takes the bound from
 * the item's own text and puts the kind the plan's {@link Stack} keeps its numbers in.
 */
final class DataTemplates {
  static final String PROMETHEUS = "${var:PROMETHEUS_URL:-http://prometheus.example.com:9090}";
  static final String JOB = "{job=\"app\"}";
  private static final Pattern PERCENTILE = Pattern.compile(
      "\\bp(\\d{2}(?:\\.\\d+)?)\\b|(\\d{2}(?:\\.\\d+)?)(?:th|e)?\\s*(?:percentile|persentil)"
          + "|(?:persentil|phan vi)\\s*(\\d{2})");

  private static final java.util.Set<String> STOP_WORDS = java.util.Set.of("test", "verify", "check", "confirm",
      "ensure", "validate", "all", "the", "and", "is", "are", "an", "a", "uji", "periksa", "kiem", "tra", "xac",
      "nhan");

  private DataTemplates() {}

  static ProbeDraft promql(String stem, String query, String noData, List<String> conditions, String note) {
    return ProbeDraft.of(stem, "promql", map("url", PROMETHEUS, "query", query, "no-data", noData), conditions, note);
  }

  static ProbeDraft sql(String stem, String query, List<String> conditions, String note) {
    return ProbeDraft.of(stem, "sql", map("url", "${var:DATABASE_URL:-jdbc:postgresql://db.example.com:5432/app}",
        "user", "${var:DB_USER:-golive_ro}", "password", "${env:GOLIVE_DB_PASSWORD}", "query", query), conditions,
        note);
  }

  static ProbeDraft errorRate(Subject s) {
    boolean ratio = s.mentions("rate|ratio|%|ti le|tingkat|persen\\w*") || Threshold.percent(s.folded()).isPresent();
    String bound = Threshold.percent(s.folded()).or(() -> Threshold.first(s.folded()))
        .map(t -> t.condition("VALUE", "<")).orElse(ratio ? "[VALUE] < 1%" : "[VALUE] == 0");
    return switch (s.stack()) {
      case SQL -> sql("failures", ratio
          ? "select coalesce(avg(case when status = 'failed' then 1.0 else 0 end), 0) from events"
              + " where created_at > now() - interval '1 hour'"
          : "select count(*) from events where status = 'failed' and created_at > now() - interval '1 hour'",
          List.of(bound), "the table that records what the item watches, and its failure status");
      case METRICS -> ProbeDraft.of("error-rate", "metrics", map("url", WebTemplates.BASE + "/metrics", "metric",
          "http_requests_total", "labels", map("status", "500"), "rate", true), List.of(bound),
          "[VALUE] is 5xx responses per second here, not a ratio: set the bound for your traffic, or use promql");
      default -> ratio
          ? promql("error-rate", "sum(rate(http_requests_total" + JOB.replace("}", ",code=~\"5..\"}")
              + "[5m])) / sum(rate(http_requests_total" + JOB + "[5m]))", "zero", List.of(bound),
              "your request counter and job label")
          : promql("errors", "sum(increase(log_messages_total{level=~\"error|critical\"}[30m]))", "zero",
              List.of(bound), "a counter of error log lines or failed operations");
    };
  }

  static ProbeDraft latency(Subject s) {
    Matcher p = PERCENTILE.matcher(s.folded());
    String q = "0.95";
    if (p.find()) {
      String n = p.group(1) != null ? p.group(1) : p.group(2) != null ? p.group(2) : p.group(3);
      q = new java.math.BigDecimal(n).movePointLeft(2).toPlainString();
    }
    String bound = Threshold.duration(s.folded()).map(t -> t.condition("VALUE", "<")).orElse("[VALUE] < 500ms");
    return promql("p" + q.substring(2) + "-latency", "histogram_quantile(" + q + ", sum by (le) (rate("
        + "http_request_duration_seconds_bucket" + JOB + "[5m])))", "inconclusive", List.of(bound),
        "your latency histogram and job label");
  }

  static ProbeDraft capacity(Subject s) {
    String bound = Threshold.percent(s.folded()).map(t -> t.condition("VALUE", "<")).orElse(null);
    if (s.mentions("cpu|processor|prosesor")) {
      return promql("cpu", "1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))", "fail",
          List.of(bound == null ? "[VALUE] < 80%" : bound), "node_exporter of the service's hosts");
    }
    if (s.mentions("memory|ram|memori|bo nho|heap")) {
      return promql("memory", "1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes)", "fail",
          List.of(bound == null ? "[VALUE] < 85%" : bound), "node_exporter of the service's hosts");
    }
    if (s.mentions("disk|storage|volume|penyimpanan|o dia|dung luong dia")) {
      return promql("disk", "1 - min(node_filesystem_avail_bytes{mountpoint=\"/\"}"
          + " / node_filesystem_size_bytes{mountpoint=\"/\"})", "fail",
          List.of(bound == null ? "[VALUE] < 90%" : bound), "the mount point that fills up");
    }
    String size = Threshold.find(s.folded()).stream().filter(t -> t.unit().endsWith("B")).findFirst()
        .map(t -> t.condition("VALUE", "<")).orElse("[VALUE] < 100GB");
    if (s.stack() == Stack.SQL) {
      return sql("database-size", "select pg_database_size(current_database())", List.of(size), null);
    }
    return promql("database-size", "sum(pg_database_size_bytes)", "fail", List.of(size), "postgres_exporter");
  }

  static ProbeDraft replication(Subject s) {
    String bound = Threshold.duration(s.folded()).map(t -> t.condition("VALUE", "<")).orElse("[VALUE] < 30s");
    return promql("replication-lag", "max(pg_replication_lag_seconds)", "fail", List.of(bound),
        "postgres_exporter on the replicas");
  }

  static ProbeDraft availability(Subject s) {
    return Threshold.percent(s.folded())
        .map(t -> promql("availability", "avg_over_time(up" + JOB + "[30d])", "fail",
            List.of(t.condition("VALUE", ">=")), "the service's scrape job"))
        .orElse(promql("uptime", "min(min_over_time(up" + JOB + "[1h]))", "fail", List.of("[VALUE] == 1"),
            "the service's scrape job"));
  }

  static ProbeDraft traffic(Subject s) {
    return promql("traffic", "sum(rate(http_requests_total" + JOB + "[5m]))", "fail", List.of("[VALUE] > 0"),
        "your request counter");
  }

  static ProbeDraft monitoring(Subject s) {
    if (s.stack() == Stack.SQL) {
      return sql("monitor", "select count(*) from events where created_at > now() - interval '1 hour'",
          List.of("[VALUE] > 0"),
          "the table of what the item watches (it is recording), and a bound that should worry you");
    }
    if (s.mentions("agent\\w*|exporter\\w*|connected|terhubung|ket noi|install\\w*|terpasang|cai dat")) {
      return promql("targets-up", "count(up == 1)", "fail", List.of("[VALUE] > 0"), "the scrape jobs that must be up");
    }
    return promql("firing-alerts", "count(ALERTS{alertstate=\"firing\",severity=\"critical\"})", "zero",
        List.of("[VALUE] == 0"), "no critical alert of the service firing");
  }

  static ProbeDraft alerting(Subject s) {
    if (s.stack() == Stack.SQL) {
      return sql("alert-rules", "select count(*) from alert_rules where enabled", List.of("[VALUE] > 0"),
          "the table holding alert rules or channels");
    }
    if (s.mentions("channels?|notification\\w*|receivers?|saluran|kanal|kenh|thong bao|notifikasi")) {
      return ProbeDraft.of("alert-receivers", "http", map("url",
          "${var:ALERTMANAGER_URL:-http://alertmanager.example.com:9093}/api/v2/receivers"),
          List.of("[STATUS] == 200", "len([BODY]) > 0"), "Alertmanager's receivers").every("10m", null);
    }
    String name = nameBefore(s.folded(), "alert\\w*|peringatan|canh bao");
    if (name.equals("Service")) name = "ServiceAlert";
    String note = "the alert rule's name in Prometheus" + Threshold.first(s.folded())
        .map(t -> "; its expression should fire at " + t.value()).orElse("");
    return ProbeDraft.of("alert-" + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(), "http", map("url",
        PROMETHEUS + "/api/v1/rules?type=alert&rule_name%5B%5D=" + name),
        List.of("[STATUS] == 200", "len([BODY].data.groups) > 0"), note).every("10m", null);
  }

  /** A name from the words before {@code word}: "CPU usage alert configured" gives {@code CpuUsage}. */
  static String nameBefore(String folded, String word) {
    String before = folded.replaceAll("(?s)(" + word + ").*", "").replaceAll("[^a-z0-9 ]", " ").strip();
    StringBuilder name = new StringBuilder();
    for (String w : before.split("\\s+")) {
      if (w.isEmpty() || STOP_WORDS.contains(w) || name.length() >= 40) continue;
      name.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return name.length() == 0 ? "Service" : name.toString();
  }

  static ProbeDraft dashboard(Subject s) {
    String name = nameBefore(s.folded(), "dashboards?|dasbor|bang dieu khien");
    String query = name.equals("Service") ? "" : "&query=" + name.replaceAll("([a-z0-9])([A-Z])", "$1%20$2");
    return ProbeDraft.of("dashboard-" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(), "http",
        map("url", "${var:GRAFANA_URL:-https://grafana.example.com}/api/search?type=dash-db" + query, "bearer",
            "${env:GRAFANA_TOKEN}"), List.of("[STATUS] == 200", "len([BODY]) > 0"),
        "Grafana's search by the dashboard's title (or /api/dashboards/uid/<uid>)").every("10m", null);
  }

  static ProbeDraft logging(Subject s) {
    return ProbeDraft.of("logs", "http", map("url",
        "${var:LOGS_URL:-http://elasticsearch.example.com:9200}/_cat/indices?format=json"),
        List.of("[STATUS] == 200", "len([BODY]) > 0"), "the log store's index or query for this service")
        .every("10m", null);
  }

  static ProbeDraft audit(Subject s) {
    if (s.stack() == Stack.SQL) {
      return sql("audit-log", "select count(*) from audit_log where created_at > now() - interval '1 day'",
          List.of("[VALUE] > 0"), "the audit table");
    }
    return ProbeDraft.of("audit-log", "http", map("url", WebTemplates.url(s, "/api/audit-log?limit=1"), "bearer",
        "${env:AUDIT_READER_TOKEN}"), List.of("[STATUS] == 200", "len([BODY]) > 0"), "the audit log's read API");
  }

  static ProbeDraft rto(Subject s) {
    String bound = Threshold.duration(s.folded()).map(t -> t.condition("VALUE", "<")).orElse("[VALUE] < 4h");
    return promql("restore-drill", "max(restore_drill_duration_seconds{result=\"success\"})", "fail",
        List.of(bound), "the restore drill's duration, exported by the drill job");
  }

  static ProbeDraft backup(Subject s) {
    boolean rpo = s.mentions("rpo|recovery point");
    String period = rpo ? Threshold.duration(s.folded()).map(Threshold::value).orElse("1h")
        : s.mentions("hourly|every hour|setiap jam|moi gio|hang gio") ? "1h"
        : s.mentions("weekly|mingguan|hang tuan") ? "7d" : "24h";
    List<String> c = rpo ? List.of("[AGE] < " + period) : List.of();
    if (s.mentions("restic|off.?site|encrypt\\w*|enkripsi|ma hoa|s3")) {
      return ProbeDraft.of("offsite-backup", "backup", map("restic", map("repository",
          "${var:RESTIC_REPOSITORY:-s3:s3.amazonaws.com/backups}", "password", "${env:RESTIC_PASSWORD}"),
          "period", period), c, "restic encrypts every snapshot; point at the repository");
    }
    return ProbeDraft.of("db-backup", "backup", map("path", "${var:BACKUP_GLOB:-/var/backups/db/*.sql.gz}",
        "period", period, "verify", "gzip"), c, "where the dumps land (absolute glob)");
  }

  static ProbeDraft migrations(Subject s) {
    return sql("migrations", "select count(*) from flyway_schema_history where not success", List.of("[VALUE] == 0"),
        "your tool's table: flyway_schema_history, schema_migrations, alembic_version, knex_migrations");
  }

  static ProbeDraft rls(Subject s) {
    return sql("rls", "select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        + " where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity", List.of("[ROWS] == 0"),
        "lists the public tables without row-level security");
  }

  static ProbeDraft databaseObjects(Subject s) {
    Map<String, String> queries = new java.util.LinkedHashMap<>();
    queries.put("function\\w*|rpc|procedure\\w*|fungsi|ham", "select count(*) from pg_proc p join pg_namespace n"
        + " on n.oid = p.pronamespace where n.nspname = 'public'");
    queries.put("index\\w*|indeks|chi muc", "select count(*) from pg_indexes where schemaname = 'public'");
    queries.put("polic\\w*|kebijakan|chinh sach|retention|retensi", "select count(*) from pg_policies");
    for (var e : queries.entrySet()) {
      if (s.mentions(e.getKey())) {
        return sql("db-objects", e.getValue(), List.of("[VALUE] > 0"),
            "narrow the query to the objects the item names");
      }
    }
    return sql("table-rows", "select count(*) from settings", List.of("[VALUE] > 0"),
        "the table the item says must be populated");
  }

  static ProbeDraft metricsEndpoint(Subject s) {
    return ProbeDraft.of("metrics", "metrics", map("url", WebTemplates.url(s, "/metrics"), "metric",
        "http_requests_total"), List.of("[SERIES] > 0"), "the metric the item names (exact sample name)");
  }
}
