package dev.golive.metrics;

import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.Probe;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.GateStatus;
import dev.golive.verdict.ItemState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Binds a plan's live state to the metrics. Plan-level gauges (Go, gates, items per state) are Micrometer gauges that
 * read the runtime at scrape time; the per-item and per-probe series come from {@link ProbeSeries}, which reads each
 * probe's {@link ProbeStats}, updated from the plan's context through {@link #record(ProbeResult)}.
 */
public final class PlanMetrics {
  private static final Map<MeterRegistry, ProbeSeries> SERIES = Collections.synchronizedMap(new WeakHashMap<>());

  private static final String STARTED_LATE = "started_late";
  private static final String LOOP_STALLED = "loop_stalled";

  private final PlanRuntime runtime;
  /** Inconclusive runs by reason: golive was overloaded (see {@link #record}). */
  private final Map<String, io.micrometer.core.instrument.Counter> inconclusive = new java.util.HashMap<>();
  /** Fixed at bind time (one entry per probe), so readers on the scrape thread need no locking of the map. */
  private final Map<String, ProbeStats> stats;

  private PlanMetrics(PlanRuntime runtime) {
    this.runtime = runtime;
    Map<String, ProbeStats> m = new LinkedHashMap<>();
    for (Probe p : runtime.probes().values()) m.put(p.id(), new ProbeStats(p.kind()));
    this.stats = Collections.unmodifiableMap(m);
  }

  /** Registers the plan's gauges and subscribes to its results. Call before the runtime starts. */
  public static PlanMetrics bind(MeterRegistry registry, PlanRuntime runtime) {
    PlanMetrics m = new PlanMetrics(runtime);
    m.registerGauges(registry);
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      SERIES.computeIfAbsent(registry, k -> {
        ProbeSeries series = new ProbeSeries();
        prometheus.getPrometheusRegistry().register(series);
        return series;
      }).add(m);
    }
    runtime.onResult(m::record);
    return m;
  }

  /** Removes every series of {@code plan} (a plan replaced by a reload, or stopped). */
  public static void unbind(MeterRegistry registry, String plan) {
    registry.getMeters().stream().filter(m -> plan.equals(m.getId().getTag("plan"))).toList()
        .forEach(registry::remove);
    ProbeSeries series = SERIES.get(registry);
    if (series != null) series.remove(plan);
  }

  /**
   * The {@code /metrics} text: every meter of the registry, then the per-item and per-probe series written straight
   * from the plans' live state ({@link ProbeSeries#writeText}). Blocking CPU work (tens of milliseconds at 10,000
   * probes): call it from a worker, never an event loop.
   */
  public static String scrape(PrometheusMeterRegistry registry) {
    ProbeSeries series = SERIES.get(registry);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * 1024);
    try {
      io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(out,
          registry.getPrometheusRegistry().scrape(name -> series == null || !ProbeSeries.NAMES.contains(name)
              && !name.equals(MetricNames.PROBE_RUNS)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    StringBuilder text = new StringBuilder(out.size() + (series == null ? 0 : 1 << 20));
    text.append(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    if (series != null) series.writeText(text);
    return text.toString();
  }

  PlanRuntime runtime() {
    return runtime;
  }

  Map<String, ProbeStats> stats() {
    return stats;
  }

  private void registerGauges(MeterRegistry registry) {
    String plan = runtime.name();
    Gauge.builder(MetricNames.PLAN_GO, runtime, r -> r.verdict().go() ? 1 : 0)
        .description("1 when every required gate of the plan passes (Go)").tags("plan", plan).register(registry);
    for (GateStatus g : runtime.verdict().gates()) {
      Gauge.builder(MetricNames.GATE_PASSED, runtime, r -> gatePassed(r, g.id()))
          .description("1 when every item of the gate is done")
          .tags("plan", plan, "gate", g.id(), "required", String.valueOf(g.required())).register(registry);
    }
    for (ItemState s : ItemState.values()) {
      Gauge.builder(MetricNames.ITEMS, runtime, r -> r.items().values().stream().filter(v -> v.state() == s).count())
          .description("Number of items in each state").tags("plan", plan, "state", s.label()).register(registry);
    }
    io.micrometer.core.instrument.Timer lag = io.micrometer.core.instrument.Timer
        .builder(MetricNames.SCHEDULE_LAG.substring(0, MetricNames.SCHEDULE_LAG.length() - "_seconds".length()))
        .description("How late probe runs start against their schedule").tags("plan", plan)
        .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(10))
        .register(registry);
    runtime.scheduleLag().onLag(lag::record);
    for (String reason : new String[] {STARTED_LATE, LOOP_STALLED}) {
      inconclusive.put(reason, io.micrometer.core.instrument.Counter.builder(MetricNames.PROBE_INCONCLUSIVE)
          .description("Runs that did not pass while golive was overloaded (they prove nothing about the target)")
          .tags("plan", plan, "reason", reason).register(registry));
    }
  }

  private static double gatePassed(PlanRuntime r, String gate) {
    return r.verdict().gates().stream().filter(g -> g.id().equals(gate)).findFirst().map(g -> g.passed() ? 1 : 0)
        .orElse(0);
  }

  /**
   * Updates the probe's figures; called on the plan's context after each result. A run that golive's overload made
   * inconclusive counts only there (and as the probe's last run): its duration and outcome are not the target's.
   */
  public void record(ProbeResult result) {
    ProbeStats s = stats.get(result.probeId());
    if (s == null) return;
    if (result.overloaded() != null && !result.success()) {
      inconclusive.get(result.overloaded().contains(" started ") ? STARTED_LATE : LOOP_STALLED).increment();
      s.inconclusive(result);
      return;
    }
    Result outcome = result.error() != null ? Result.ERROR : result.success() ? Result.PASS : Result.FAIL;
    double expiry = s.certExpirySeconds(); // a run that saw no certificate keeps the last one seen
    if (result.observed().get("CERT_EXPIRY") instanceof String text) {
      try {
        expiry = parseSigned(text).toSeconds();
      } catch (IllegalArgumentException e) {
        expiry = Double.NaN;
      }
    }
    s.update(result, outcome, expiry);
  }

  private static Duration parseSigned(String s) {
    boolean negative = s.startsWith("-");
    Duration d = dev.golive.config.Durations.parse(negative ? s.substring(1) : s);
    return negative ? d.negated() : d;
  }

  /** A run's result as counted by {@code golive_probe_runs_total{result}}. */
  enum Result {
    PASS, FAIL, ERROR;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The last run of one probe and its run counts: written by the plan's context, read by scrapes. Each figure is
   * read atomically; a scrape during an update may pair one run's duration with the previous run's success.
   */
  static final class ProbeStats {
    private final String kind;
    private final AtomicLongArray counts = new AtomicLongArray(Result.values().length);
    private volatile boolean success;
    private volatile double lastDurationSeconds = Double.NaN;
    private volatile double lastRunEpochSeconds = Double.NaN;
    private volatile double certExpirySeconds = Double.NaN;
    private volatile long runs;
    private volatile boolean inconclusive;

    ProbeStats(String kind) {
      this.kind = kind;
    }

    void update(ProbeResult r, Result outcome, double certExpiry) {
      inconclusive = false;
      success = r.success();
      lastDurationSeconds = r.duration().toNanos() / 1e9;
      lastRunEpochSeconds = (r.startedAt().toEpochMilli() + r.duration().toMillis()) / 1000.0;
      certExpirySeconds = certExpiry;
      counts.incrementAndGet(outcome.ordinal());
      runs++;
    }

    /** A run that proves nothing (golive was overloaded): success is unknown until the next real run. */
    void inconclusive(ProbeResult r) {
      inconclusive = true;
      lastRunEpochSeconds = (r.startedAt().toEpochMilli() + r.duration().toMillis()) / 1000.0;
      runs++;
    }

    /** 1 or 0 for the last run, NaN while it was inconclusive. */
    double successValue() {
      return inconclusive ? Double.NaN : success ? 1 : 0;
    }

    String kind() {
      return kind;
    }

    boolean success() {
      return success;
    }

    double lastDurationSeconds() {
      return lastDurationSeconds;
    }

    double lastRunEpochSeconds() {
      return lastRunEpochSeconds;
    }

    double certExpirySeconds() {
      return certExpirySeconds;
    }

    long runs() {
      return runs;
    }

    long count(Result result) {
      return counts.get(result.ordinal());
    }
  }
}
