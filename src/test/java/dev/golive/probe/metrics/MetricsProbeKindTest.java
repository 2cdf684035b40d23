package dev.golive.probe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.ConfigProblem;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.http.TestLoop;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsProbeKindTest {
  private final MetricsProbeKind kind = new MetricsProbeKind();
  private final ConfigProblems problems = new ConfigProblems();

  private MetricsSpec parse(String yaml) {
    return kind.parse(TestLoop.block(yaml, problems, Secrets.of(Map.of("TOKEN", "prom-token"))));
  }

  private List<String> problems() {
    return problems.sorted().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void isRegisteredUnderMetrics() {
    assertThat(ProbeKinds.byName("metrics")).containsInstanceOf(MetricsProbeKind.class);
  }

  @Test
  void readsAFullBlock() {
    MetricsSpec spec = parse("""
        metrics:
          url: http://127.0.0.1:9100/metrics
          metric: http_requests_total
          labels: { code: "500", job: api }
          aggregate: MAX
          rate: true
          headers: { X-Scope-OrgID: team-a }
          bearer: ${env:TOKEN}
        """);

    assertThat(problems()).isEmpty();
    assertThat(spec.metric()).isEqualTo("http_requests_total");
    assertThat(spec.labels()).isEqualTo(Map.of("code", "500", "job", "api"));
    assertThat(spec.aggregate()).isEqualTo(MetricsSpec.Aggregate.MAX);
    assertThat(spec.rate()).isTrue();
    assertThat(spec.headers()).isEqualTo(Map.of("X-Scope-OrgID", "team-a"));
    assertThat(spec.bearer()).isEqualTo("prom-token");
  }

  @Test
  void defaultsToSumWithoutRateAndRequiresASeries() {
    MetricsSpec spec = parse("metrics: { url: \"http://127.0.0.1:9100/metrics\", metric: up }");

    assertThat(spec.aggregate()).isEqualTo(MetricsSpec.Aggregate.SUM);
    assertThat(spec.rate()).isFalse();
    assertThat(spec.labels()).isEmpty();
    assertThat(kind.defaultConditions(spec)).containsExactly("[SERIES] > 0");
  }

  @Test
  void reportsEachProblemWhereItStands() {
    assertThat(parse("""
        metrics:
          url: localhost:9100/metrics
          metric: 'up{job="api"}'
          aggregate: p99
          rate: sometimes
          label: { a: b }
        """)).isNull();

    assertThat(problems()).containsExactly(
        "golive.yaml:2:8: metrics.url: expected an http:// or https:// URL, got 'localhost:9100/metrics'",
        "golive.yaml:3:11: metrics.metric: expected a metric name such as http_requests_total, got 'up{job=\"api\"}'"
            + " (put label matchers under 'labels:')",
        "golive.yaml:4:14: metrics.aggregate: expected one of sum, max, min, avg, count, got 'p99'",
        "golive.yaml:5:9: metrics.rate: expected true or false, got 'sometimes'",
        "golive.yaml:6:3: unknown key 'label' in 'metrics', did you mean 'labels'? (known keys: aggregate, bearer,"
            + " ca-file, client-cert, client-key, headers, insecure, labels, metric, rate, server-name, url)");
  }

  @Test
  void urlAndMetricAreRequired() {
    assertThat(parse("metrics:\n  labels: { a: b }\n")).isNull();
    assertThat(problems()).containsExactly(
        "golive.yaml:2:3: missing required key 'metrics.url'",
        "golive.yaml:2:3: missing required key 'metrics.metric'");
  }
}
