package dev.golive.metrics;

import dev.golive.daemon.ItemView;
import dev.golive.verdict.ItemState;
import dev.golive.daemon.PlanRuntime;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The per-item and per-probe series of every plan, built at scrape time from each plan's live state instead of one
 * Micrometer meter per series: no objects per probe between scrapes beyond {@link PlanMetrics.ProbeStats}, and one
 * series per item (its current state) and four per probe (success, last duration, last run, runs by result). One
 * instance per Prometheus registry (a family may be collected only once); thread-safe.
 */
final class ProbeSeries implements MultiCollector {
  private final List<PlanMetrics> plans = new CopyOnWriteArrayList<>();

  void add(PlanMetrics plan) {
    plans.add(plan);
  }

  void remove(String plan) {
    plans.removeIf(p -> p.runtime().name().equals(plan));
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder state = GaugeSnapshot.builder().name(MetricNames.ITEM_STATE)
        .help("1 for the item's current state, 0 for the others (one series per state)");
    GaugeSnapshot.Builder success = GaugeSnapshot.builder().name(MetricNames.PROBE_SUCCESS)
        .help("1 when the probe's last run passed");
    GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name(MetricNames.PROBE_DURATION)
        .help("How long the probe's last run took, in seconds");
    GaugeSnapshot.Builder lastRun = GaugeSnapshot.builder().name(MetricNames.PROBE_LAST_RUN)
        .help("When the probe last completed, in seconds since the epoch");
    GaugeSnapshot.Builder expiry = GaugeSnapshot.builder().name(MetricNames.CERT_EXPIRY)
        .help("Seconds until the certificate seen by the probe expires");
    CounterSnapshot.Builder runs = CounterSnapshot.builder().name(MetricNames.PROBE_RUNS.replace("_total", ""))
        .help("Probe runs by result");
    boolean certificates = false;
    for (PlanMetrics plan : plans) {
      PlanRuntime r = plan.runtime();
      String name = r.name();
      for (Map.Entry<String, ItemView> item : r.items().entrySet()) {
        ItemState current = item.getValue().state();
        for (ItemState st : ItemState.values()) {
          state.dataPoint(gauge(st == current ? 1 : 0, Labels.of("item", item.getKey(), "plan", name, "state",
              st.label())));
        }
      }
      for (Map.Entry<String, PlanMetrics.ProbeStats> e : plan.stats().entrySet()) {
        PlanMetrics.ProbeStats s = e.getValue();
        if (s.runs() == 0) continue;
        Labels labels = Labels.of("plan", name, "probe", e.getKey());
        success.dataPoint(gauge(s.successValue(), labels.add("kind", s.kind())));
        duration.dataPoint(gauge(s.lastDurationSeconds(), labels));
        lastRun.dataPoint(gauge(s.lastRunEpochSeconds(), labels));
        if (!Double.isNaN(s.certExpirySeconds())) {
          expiry.dataPoint(gauge(s.certExpirySeconds(), labels));
          certificates = true;
        }
        for (PlanMetrics.Result result : PlanMetrics.Result.values()) {
          long n = s.count(result);
          if (n > 0) runs.dataPoint(CounterDataPointSnapshot.builder().value(n).labels(labels.add("result",
              result.label())).build());
        }
      }
    }
    MetricSnapshots.Builder all = MetricSnapshots.builder().metricSnapshot(state.build())
        .metricSnapshot(success.build()).metricSnapshot(duration.build()).metricSnapshot(lastRun.build())
        .metricSnapshot(runs.build());
    if (certificates) all.metricSnapshot(expiry.build());
    return all.build();
  }

  private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
    return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
  }
}
