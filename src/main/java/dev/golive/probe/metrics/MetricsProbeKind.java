package dev.golive.probe.metrics;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.http.HttpTargets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code metrics:} probes: scrape a Prometheus text endpoint and observe one metric's matching series as
 * {@code VALUE} (aggregated, optionally as a per-second rate), {@code SERIES} and {@code LABELS}.
 */
public final class MetricsProbeKind implements ProbeKind<MetricsSpec> {
  public static final Set<String> PLACEHOLDERS = Placeholders.of("VALUE:number SERIES:count LABELS:map");

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public MetricsSpec parse(ConfigNode block) {
    if (!block.isMap()) {
      block.problem("expected a mapping such as { url: \"http://127.0.0.1:9100/metrics\", metric: up }");
      return null;
    }
    block.allowOnly(TlsSettings.withKeys("url", "metric", "labels", "aggregate", "rate", "headers", "bearer"));
    URI url = HttpTargets.url(block, "url");
    String metric = block.requiredString("metric");
    if (metric != null && (metric.isBlank() || !metric.matches("[^\\s{}\"#]+"))) {
      block.get("metric").orElseThrow().problem("expected a metric name such as http_requests_total, got '"
          + metric + "'" + (metric.contains("{") ? " (put label matchers under 'labels:')" : ""));
      metric = null;
    }
    Map<String, String> labels = block.stringMap("labels");
    String aggregate = block.choice("aggregate", "sum", "sum", "max", "min", "avg", "count");
    boolean rate = block.bool("rate", false);
    Map<String, String> headers = block.stringMap("headers");
    String bearer = block.string("bearer", null);
    TlsSettings tls = TlsSettings.read(block);
    if (url == null || metric == null) return null;
    return new MetricsSpec(url, metric, labels, MetricsSpec.Aggregate.valueOf(aggregate.toUpperCase(Locale.ROOT)),
        rate, headers, bearer, tls);
  }

  @Override
  public List<String> defaultConditions(MetricsSpec spec) {
    return List.of("[SERIES] > 0");
  }

  @Override
  public Observer observer(MetricsSpec spec, ProbeEnvironment env, Duration timeout) {
    return new MetricsObserver(spec, env, timeout);
  }
}
