package dev.golive.suggest;

import java.util.regex.Pattern;

/**
 * Where a checklist's numbers live, read from the whole file: a Prometheus (or Grafana, Thanos, Mimir) server, only
 * an app's own {@code /metrics} page, or the database (a Postgres/Supabase checklist with RLS and SQL functions and
 * no metrics stack). Monitoring, error-rate and alert items get the probe kind of that source.
 */
enum Stack {
  PROMQL("promql"), METRICS("metrics"), SQL("sql");

  private static final Pattern PROMETHEUS = Pattern.compile(
      "prometheus|grafana|thanos|mimir|victoriametrics|alertmanager|promql|node.exporter");
  private static final Pattern APP_METRICS = Pattern.compile("/metrics|metrics endpoint|metrics page|openmetrics");
  private static final Pattern DATABASE = Pattern.compile(
      "```sql|\\brls\\b|row.level security|supabase|postgres|plpgsql|\\brpc\\b|stored procedure|pg_\\w+");

  final String kind;

  Stack(String kind) {
    this.kind = kind;
  }

  static Stack of(String wholeText) {
    String t = Fold.fold(wholeText);
    if (PROMETHEUS.matcher(t).find()) return PROMQL;
    if (APP_METRICS.matcher(t).find()) return METRICS;
    long db = DATABASE.matcher(t).results().count();
    return db >= 2 ? SQL : PROMQL;
  }
}
