package dev.golive.metrics;

import dev.golive.daemon.ItemView;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.GateStatus;
import dev.golive.verdict.ItemState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a plan's live state to Micrometer. Gauges read the runtime's concurrent maps at scrape time; per-result
 * meters are updated from the plan's context through {@link #record(ProbeResult)}.
 */
public final class PlanMetrics {
  private final MeterRegistry registry;
  private final PlanRuntime runtime;
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();
  private final Map<String, Counter> runs = new ConcurrentHashMap<>();
  private final Map<String, Double> lastRun = new ConcurrentHashMap<>();
  private final Map<String, Double> certExpiry = new ConcurrentHashMap<>();
  private final Map<String, Counter> inconclusive = new ConcurrentHashMap<>();

  private PlanMetrics(MeterRegistry registry, PlanRuntime runtime) {
    this.registry = registry;
    this.runtime = runtime;
  }

  /** Registers the plan's gauges and subscribes to its results. Call before the runtime starts. */
  public static PlanMetrics bind(MeterRegistry registry, PlanRuntime runtime) {
    PlanMetrics m = new PlanMetrics(registry, runtime);
    m.registerGauges();
    runtime.onResult(m::record);
    return m;
  }

  private void registerGauges() {
    String plan = runtime.name();
    Gauge.builder(MetricNames.PLAN_GO, runtime, r -> r.verdict().go() ? 1 : 0)
        .description("1 when every required gate of the plan passes (Go)").tags("plan", plan).register(registry);
    for (GateStatus g : runtime.verdict().gates()) {
      Gauge.builder(MetricNames.GATE_PASSED, runtime, r -> gatePassed(r, g.id()))
          .description("1 when every item of the gate is done")
          .tags("plan", plan, "gate", g.id(), "required", String.valueOf(g.required())).register(registry);
    }
    for (String item : runtime.items().keySet()) {
      for (ItemState s : ItemState.values()) {
        Gauge.builder(MetricNames.ITEM_STATE, runtime, r -> state(r, item) == s ? 1 : 0)
            .description("1 for the item's current state").tags("plan", plan, "item", item, "state", s.label())
            .register(registry);
      }
    }
    for (ItemState s : ItemState.values()) {
      Gauge.builder(MetricNames.ITEMS, runtime, r -> r.items().values().stream().filter(v -> v.state() == s).count())
          .description("Number of items in each state").tags("plan", plan, "state", s.label()).register(registry);
    }
    Timer lag = Timer.builder(stripSeconds(MetricNames.SCHEDULE_LAG))
        .description("How late probe runs start against their schedule").tags("plan", plan)
        .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(10))
        .register(registry);
    runtime.scheduleLag().onLag(lag::record);
    for (String reason : new String[] {STARTED_LATE, LOOP_STALLED}) {
      inconclusive.put(reason, Counter.builder(MetricNames.PROBE_INCONCLUSIVE)
          .description("Runs that did not pass while golive was overloaded (they prove nothing about the target)")
          .tags("plan", plan, "reason", reason).register(registry));
    }
    for (var probe : runtime.probes().values()) {
      Tags tags = Tags.of("plan", plan, "probe", probe.id());
      Gauge.builder(MetricNames.PROBE_SUCCESS, runtime, r -> success(r, probe.id()))
          .description("1 when the probe's last run passed").tags(tags.and("kind", probe.kind())).register(registry);
      Gauge.builder(MetricNames.PROBE_LAST_RUN, lastRun, m -> m.getOrDefault(probe.id(), Double.NaN))
          .description("When the probe last completed, in seconds since the epoch").tags(tags).register(registry);
      durations.put(probe.id(), Timer.builder(stripSeconds(MetricNames.PROBE_DURATION))
          .description("Probe run time").tags(tags).register(registry));
      if (probe.kind().equals("tls")) {
        Gauge.builder(stripSeconds(MetricNames.CERT_EXPIRY), certExpiry, m -> m.getOrDefault(probe.id(), Double.NaN))
            .description("Seconds until the certificate seen by the probe expires").baseUnit("seconds").tags(tags)
            .register(registry);
      }
    }
  }

  private static String stripSeconds(String name) {
    return name.substring(0, name.length() - "_seconds".length());
  }

  private static double gatePassed(PlanRuntime r, String gate) {
    return r.verdict().gates().stream().filter(g -> g.id().equals(gate)).findFirst().map(g -> g.passed() ? 1 : 0)
        .orElse(0);
  }

  private static ItemState state(PlanRuntime r, String item) {
    ItemView v = r.items().get(item);
    return v == null ? null : v.state();
  }

  private static double success(PlanRuntime r, String probe) {
    ProbeResult last = r.lastResults().get(probe);
    return last == null || last.inconclusive() && last.overloaded() != null ? Double.NaN : last.success() ? 1 : 0;
  }

  private static final String STARTED_LATE = "started_late";
  private static final String LOOP_STALLED = "loop_stalled";

  /**
   * Updates the per-run meters; called on the plan's context after each result. A run that golive's overload made
   * inconclusive counts only there (and as the probe's last run): its duration and outcome are not the target's.
   */
  public void record(ProbeResult result) {
    if (result.overloaded() != null && !result.success()) {
      inconclusive.get(result.overloaded().contains(" started ") ? STARTED_LATE : LOOP_STALLED).increment();
      lastRun.put(result.probeId(), (result.startedAt().toEpochMilli() + result.duration().toMillis()) / 1000.0);
      return;
    }
    Timer t = durations.get(result.probeId());
    if (t != null) t.record(result.duration());
    String outcome = result.error() != null ? "error" : result.success() ? "pass" : "fail";
    runs.computeIfAbsent(result.probeId() + "/" + outcome, k -> Counter.builder(MetricNames.PROBE_RUNS)
        .description("Probe runs by result").tags("plan", runtime.name(), "probe", result.probeId(), "result", outcome)
        .register(registry)).increment();
    lastRun.put(result.probeId(), (result.startedAt().toEpochMilli() + result.duration().toMillis()) / 1000.0);
    Object expiry = result.observed().get("CERT_EXPIRY");
    if (expiry instanceof String s) {
      try {
        certExpiry.put(result.probeId(), (double) parseSigned(s).toSeconds());
      } catch (IllegalArgumentException e) {
        certExpiry.remove(result.probeId());
      }
    }
  }

  private static Duration parseSigned(String s) {
    boolean negative = s.startsWith("-");
    Duration d = dev.golive.config.Durations.parse(negative ? s.substring(1) : s);
    return negative ? d.negated() : d;
  }
}
