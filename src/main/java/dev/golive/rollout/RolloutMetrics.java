package dev.golive.rollout;

import dev.golive.config.TriggerConfig;
import dev.golive.config.WindowConfig;
import dev.golive.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Binds a plan's rollout to Micrometer: {@code golive_trigger_firing} (0 for dry-run triggers, which never page; the API
 * shows their state), {@code golive_window_active}, {@code golive_deployment_info} (one series for the current
 * deployment) and {@code golive_deployment_timestamp_seconds}. Gauges read live state at scrape time.
 */
public final class RolloutMetrics {
  private RolloutMetrics() {}

  /** Registers the gauges; call before {@link Rollout#start()}. */
  public static void bind(MeterRegistry registry, Rollout rollout) {
    String plan = rollout.plan().name();
    for (TriggerConfig t : rollout.plan().triggers()) {
      Gauge.builder(MetricNames.TRIGGER_FIRING, rollout, r -> firing(r, t))
          .description("1 while a rollback trigger fires (dry-run triggers stay 0)")
          .tags("plan", plan, "trigger", t.id(), "severity", t.severity()).register(registry);
    }
    for (WindowConfig w : rollout.plan().windows()) {
      Gauge.builder(MetricNames.WINDOW_ACTIVE, rollout, r -> active(r, w))
          .description("1 while a post-deploy window is open").tags("plan", plan, "window", w.name())
          .register(registry);
    }
    Gauge.builder(MetricNames.DEPLOYMENT_TIME, rollout,
            r -> r.current() == null ? Double.NaN : r.current().deployedAt().toEpochMilli() / 1000.0)
        .description("When the current deployment was marked, in seconds since the epoch").tags("plan", plan)
        .register(registry);
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      // Micrometer drops an "_info" suffix from gauge names: expose it as a Prometheus info metric instead
      Info info = INFO.computeIfAbsent(prometheus, p -> Info.builder().name(MetricNames.DEPLOYMENT_INFO)
          .help("1 for the plan's current deployment").labelNames("plan", "version", "deployment")
          .register(p.getPrometheusRegistry()));
      AtomicReference<String[]> shown = new AtomicReference<>();
      rollout.onDeployment(d -> {
        String[] labels = {plan, d.version(), d.id()};
        String[] old = shown.getAndSet(labels);
        if (old != null) info.remove(old);
        info.addLabelValues(labels);
      });
    }
  }

  private static final java.util.Map<PrometheusMeterRegistry, Info> INFO =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static double firing(Rollout r, TriggerConfig t) {
    Rollout.TriggerStatus s = r.triggers().get(t.id());
    return s != null && !t.dryRun() && s.state().equals(TriggerMachine.FIRING) ? 1 : 0;
  }

  private static double active(Rollout r, WindowConfig w) {
    Deployment d = r.current();
    return d != null && WindowTiming.of(w, d).state(r.now()) == WindowTiming.State.OPEN ? 1 : 0;
  }
}
