package dev.golive.rollout;

import dev.golive.alert.Alert;
import dev.golive.alert.AlertSink;
import dev.golive.config.PlanConfig;
import dev.golive.config.ProbeConfig;
import dev.golive.config.TriggerConfig;
import dev.golive.config.WindowConfig;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.rollout.TriggerEvaluator.Evaluation;
import dev.golive.rollout.TriggerMachine.Step;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-deploy part of one plan: its current deployment, windows, hold items and rollback triggers. All mutation
 * runs on the plan's context ({@link PlanRuntime#context()}); readers on other threads see {@link #current()},
 * {@link #triggers()} and {@link #holds()} through a volatile field and concurrent maps. Window ends are Vert.x timers
 * computed from the stored deployment time, so a restart resumes a window instead of restarting it. Store work runs
 * ordered on the {@code golive-store} pool; alerts go to the {@link AlertSink} (never in dry-run).
 */
public final class Rollout {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

  /** A trigger's live state for the API and metrics. */
  public record TriggerStatus(String trigger, String severity, boolean dryRun, String state, int consecutive,
      boolean noData, Instant since, String observed, String baseline) {}

  /** What {@link #deploy} did: {@code created} false when the version was already the current one. */
  public record DeployResult(Deployment deployment, boolean created) {}

  private final PlanRuntime runtime;
  private final PlanConfig plan;
  private final Context context;
  private final RolloutStore store;
  private final WorkerExecutor storeWorkers;
  private final AlertSink sink;
  private final Clock clock;
  private final Baselines baselines;
  private final Map<String, TriggerMachine> machines = new HashMap<>();
  private final Map<String, TriggerStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, HoldOutcome> holds = new ConcurrentHashMap<>();
  /** Windows of a deployment whose end was handled (hold alerts resolved), as {@code deployment/window}. */
  private final java.util.Set<String> endedWindows = new java.util.HashSet<>();
  private final List<Consumer<Deployment>> deploymentListeners = new CopyOnWriteArrayList<>();
  private volatile Deployment current;
  private String lastSeenVersion;
  private Future<?> deployChain = Future.succeededFuture();
  private long timer = -1;
  private boolean closed;

  /** Subscribes to the runtime's results: construct before {@link PlanRuntime#restore()}. */
  public Rollout(PlanRuntime runtime, RolloutStore store, WorkerExecutor storeWorkers, AlertSink sink, Clock clock) {
    this.runtime = runtime;
    this.plan = runtime.plan();
    this.context = runtime.context();
    this.store = store;
    this.storeWorkers = storeWorkers;
    this.sink = sink;
    this.clock = clock;
    this.baselines = Baselines.forTriggers(plan.triggers());
    for (TriggerConfig t : plan.triggers()) statuses.put(t.id(), status(t, new TriggerMachine(t.forCount(), t.noData()),
        null, null, null));
    runtime.onResult(this::onResult);
  }

  public PlanConfig plan() {
    return plan;
  }

  public Deployment current() {
    return current;
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Live trigger states of the current deployment, by trigger id. */
  public Map<String, TriggerStatus> triggers() {
    return statuses;
  }

  /** Hold outcomes of the current deployment, by {@code window/item}. */
  public Map<String, HoldOutcome> holds() {
    return holds;
  }

  /** Called (on the plan's context) when a deployment becomes current. */
  public void onDeployment(Consumer<Deployment> listener) {
    deploymentListeners.add(listener);
  }

  /** The windows of a deployment as they stand now. */
  public List<WindowTiming> timings(Deployment d) {
    return plan.windows().stream().map(w -> WindowTiming.of(w, d)).toList();
  }

  // ------------------------------------------------------------------ start

  /** Loads the current deployment, trigger states and hold outcomes, then resumes the windows. */
  public Future<Void> start() {
    return storeWorkers.executeBlocking(() -> {
      Deployment d = store.current(plan.name()).orElse(null);
      Map<String, TriggerChange> latest = d == null ? Map.of() : store.latestTriggers(plan.name(), d.id());
      List<HoldOutcome> hs = d == null ? List.of() : store.holds(plan.name(), d.id());
      String detected = plan.detection().isEmpty() ? null : store.deployments(plan.name(), 50).stream()
          .filter(x -> x.source().equals("detected")).map(Deployment::version).findFirst().orElse(null);
      return new Object[] {d, latest, hs, detected};
    }, true).compose(loaded -> onContext(() -> {
      @SuppressWarnings("unchecked") Map<String, TriggerChange> latest = (Map<String, TriggerChange>) loaded[1];
      @SuppressWarnings("unchecked") List<HoldOutcome> hs = (List<HoldOutcome>) loaded[2];
      Deployment d = (Deployment) loaded[0];
      // the version the probe last reported before the restart: seeing it again is not a new deployment
      lastSeenVersion = (String) loaded[3];
      if (d != null) {
        become(d);
        for (TriggerConfig t : plan.triggers()) {
          TriggerChange c = latest.get(t.id());
          if (c == null) continue;
          boolean noData = c.note() != null && c.note().startsWith("no data");
          machines.get(t.id()).restore(c.to(), c.consecutive(), noData);
          statuses.put(t.id(), status(t, machines.get(t.id()), c.at(), c.observed(), c.baseline()));
          republish(t, d, c);
        }
        hs.forEach(h -> holds.put(h.window() + "/" + h.itemId(), h));
        republishHolds(d);
        LOG.info("{}: resuming deployment {} ({}) from {}", plan.name(), d.version(), d.id(), d.deployedAt());
      }
      tick();
      return null;
    }));
  }

  private <T> Future<T> onContext(java.util.concurrent.Callable<T> work) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> {
      try {
        p.complete(work.call());
      } catch (Exception e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  // ------------------------------------------------------------------ deployments

  /**
   * Marks a deployment. The same version as the current one completes with the existing deployment
   * ({@code created} false); a new one records baselines, is stored (superseding the previous one, whose firing
   * triggers resolve), and opens its windows. Safe to call from any thread; calls are serialized.
   */
  public Future<DeployResult> deploy(String version, String note, String source) {
    Promise<DeployResult> result = Promise.promise();
    context.runOnContext(v -> {
      Future<DeployResult> f = deployChain.transform(ignored -> doDeploy(version, note, source));
      deployChain = f;
      f.onComplete(result);
    });
    return result.future();
  }

  private Future<DeployResult> doDeploy(String version, String note, String source) {
    if (closed) return Future.failedFuture("the plan is stopping");
    Deployment previous = current;
    if (previous != null && previous.version().equals(version)) {
      return Future.succeededFuture(new DeployResult(previous, false));
    }
    Instant at = now();
    Map<String, Double> recorded = new LinkedHashMap<>();
    for (TriggerConfig t : plan.triggers()) {
      if (!t.usesBaseline()) continue;
      Double mean = baselines.mean(t.probeId(), TriggerEvaluator.baselineOf(t), at);
      if (mean != null) recorded.put(t.id(), mean);
    }
    Deployment d = new Deployment(UUID.randomUUID().toString().replace("-", "").substring(0, 12), plan.name(),
        version, note, source, at, null, recorded);
    return storeWorkers.executeBlocking(() -> {
      store.insertDeployment(d);
      return null;
    }, true).map(ignored -> {
      if (previous != null) {
        Deployment old = previous.supersededAt(at);
        current = old;
        for (TriggerConfig t : plan.triggers()) end(t, "superseded by " + version);
        resolveHolds(previous, w -> !endedWindows.contains(previous.id() + "/" + w.name()), at,
            "superseded by " + version);
      }
      become(d);
      LOG.info("{}: deployment {} ({}) by {}{}", plan.name(), version, d.id(), source,
          recorded.isEmpty() ? "" : ", baselines " + recorded);
      tick();
      return new DeployResult(d, true);
    });
  }

  private void become(Deployment d) {
    current = d;
    machines.clear();
    holds.clear();
    for (TriggerConfig t : plan.triggers()) {
      TriggerMachine m = new TriggerMachine(t.forCount(), t.noData());
      machines.put(t.id(), m);
      statuses.put(t.id(), status(t, m, d.deployedAt(), null, TriggerEvaluator.show(t, baseline(t, d))));
    }
    deploymentListeners.forEach(l -> l.accept(d));
  }

  private static Double baseline(TriggerConfig t, Deployment d) {
    return t.usesBaseline() ? TriggerEvaluator.effectiveBaseline(t, d.baselines().get(t.id())) : null;
  }

  // ------------------------------------------------------------------ results

  private void onResult(ProbeResult r) {
    if (closed || r.overloaded() != null) return; // golive was overloaded: its timings are not the target's
    baselines.record(r);
    plan.detection().filter(det -> det.probeId().equals(r.probeId())).ifPresent(det -> detect(det.version(), r));
    Deployment d = current;
    if (d == null) return;
    Instant now = now();
    checkHolds(d, r, now);
    for (TriggerConfig t : plan.triggers()) {
      if (!t.watchedProbes().contains(r.probeId())) continue;
      String window = openWindow(t, d, now);
      if (window == null) continue;
      Double baseline = baseline(t, d);
      Evaluation e = t.composite() ? TriggerEvaluator.composite(t, runtime.lastResults())
          : TriggerEvaluator.condition(t, r, baseline);
      Step step = machines.get(t.id()).observe(e.fire(), e.resolveHolds());
      String said = step != null && step.resolved() && e.resolvedBy() != null ? e.resolvedBy() : e.observed();
      if (step != null) changed(t, d, step, said, e.value(), baseline, window, now,
          step.noData() ? "no data: " + e.observed() : null);
    }
  }

  private void detect(String path, ProbeResult r) {
    String version = VersionPath.extract(path, r.observed());
    if (version == null || version.equals(lastSeenVersion)) return;
    boolean first = lastSeenVersion == null;
    lastSeenVersion = version;
    Deployment d = current;
    if (d != null && d.version().equals(version)) return;
    LOG.info("{}: probe {} sees version {}{}", plan.name(), r.probeId(), version, first ? " (first look)" : "");
    deploy(version, "detected by probe " + r.probeId(), "detected")
        .onFailure(e -> LOG.error("{}: could not record deployment {}: {}", plan.name(), version, e.getMessage()));
  }

  /** The first of the trigger's windows open now; all windows when it names none; "" when the plan has none. */
  private String openWindow(TriggerConfig t, Deployment d, Instant now) {
    if (plan.windows().isEmpty()) return "";
    for (WindowConfig w : plan.windows()) {
      if (!t.windows().isEmpty() && !t.windows().contains(w.name())) continue;
      if (WindowTiming.of(w, d).state(now) == WindowTiming.State.OPEN) return w.name();
    }
    return null;
  }

  private void changed(TriggerConfig t, Deployment d, Step step, String observed, String value, Double baseline,
      String window, Instant at, String note) {
    String shownBaseline = TriggerEvaluator.show(t, baseline);
    statuses.put(t.id(), status(t, machines.get(t.id()), at, observed, shownBaseline));
    TriggerChange c = new TriggerChange(plan.name(), d.id(), t.id(), at, step.from(), step.to(), step.consecutive(),
        observed, TriggerEvaluator.threshold(t), shownBaseline, window == null || window.isEmpty() ? null : window,
        note, t.dryRun());
    storeWorkers.executeBlocking(() -> {
      store.recordTrigger(c);
      return null;
    }, true).onFailure(e -> LOG.error("could not store trigger {} of {}: {}", t.id(), plan.name(), e.getMessage()));
    if (!step.fired() && !step.resolved()) return;
    LOG.warn("{}: trigger {} {}{}: {}", plan.name(), t.id(), step.fired() ? "FIRES" : "resolved",
        t.dryRun() ? " (dry-run, not paging)" : "", observed);
    if (t.dryRun()) return;
    publish(t, d, step.fired() ? Alert.Status.FIRING : Alert.Status.RESOLVED, c, value);
  }

  private void publish(TriggerConfig t, Deployment d, Alert.Status status, TriggerChange c, String value) {
    String summary = t.id() + (status == Alert.Status.FIRING ? " fires" : " resolved") + " for " + plan.name() + " "
        + d.version() + (c.window() == null ? "" : " in window " + c.window()) + ": "
        + (c.note() != null ? c.note() : c.observed());
    Alert alert = new Alert(plan.name(), d.id(), d.version(), c.window(), t.id(), t.severity(), status, summary,
        value == null ? c.observed() : value, c.threshold(), c.baseline(), d.deployedAt(), c.at(),
        evidenceUrl(plan.name(), d.id(), t.id()));
    sink.publish(alert).onFailure(e -> LOG.error("could not queue the alert for {} {}: {}", plan.name(), t.id(),
        e.getMessage()));
  }

  /**
   * After a restart, publishes again the alert of a trigger whose last stored change fired or resolved it: the change
   * and its alert are stored separately, so a crash between the two would otherwise lose the page. The sink drops an
   * alert whose status it already holds for that dedup key, so in the usual case this sends nothing.
   */
  private void republish(TriggerConfig t, Deployment d, TriggerChange c) {
    if (t.dryRun() || c.dryRun()) return;
    if (c.to().equals(TriggerMachine.FIRING)) publish(t, d, Alert.Status.FIRING, c, null);
    else if (c.from().equals(TriggerMachine.FIRING)) publish(t, d, Alert.Status.RESOLVED, c, null);
  }

  public static String evidenceUrl(String plan, String deploymentId, String trigger) {
    return "/api/plans/" + plan + "/deployments/" + deploymentId + "/triggers/" + trigger;
  }

  private TriggerStatus status(TriggerConfig t, TriggerMachine m, Instant since, String observed, String baseline) {
    return new TriggerStatus(t.id(), t.severity(), t.dryRun(), m.state(), m.breaches(), m.noData(), since, observed,
        baseline);
  }

  /** Ends a trigger whose windows closed (or whose deployment was superseded): a firing one resolves. */
  private void end(TriggerConfig t, String why) {
    TriggerMachine m = machines.get(t.id());
    Deployment d = current;
    if (m == null || d == null) return;
    Step step = m.close();
    if (step != null) changed(t, d, step, why, null, baseline(t, d), null, now(), why);
  }

  // ------------------------------------------------------------------ windows and holds

  private void checkHolds(Deployment d, ProbeResult r, Instant now) {
    if (!TriggerEvaluator.failed(r)) return;
    List<String> ticked = plan.probe(r.probeId()).map(ProbeConfig::ticks).orElse(List.of());
    for (WindowConfig w : plan.windows()) {
      if (WindowTiming.of(w, d).state(now) != WindowTiming.State.OPEN) continue;
      for (String item : w.holdItemIds()) {
        if (!ticked.contains(item) || holds.containsKey(w.name() + "/" + item)) continue;
        HoldOutcome broken = new HoldOutcome(w.name(), item, "broken", now, "broke at " + now + " (" + Duration.between(
            d.deployedAt(), now).toSeconds() + "s after deployment " + d.version() + "): " + r.probeId() + ": "
            + r.summary());
        settle(d, broken);
        publishHold(d, w, broken, Alert.Status.FIRING, now, r.probeId() + ": " + r.summary());
      }
    }
  }

  /**
   * A hold item that broke is an alert of the window's {@code hold-severity} from that moment until the window ends
   * (or a new deployment supersedes this one): the broken outcome is final for the window, so the incident stays
   * open while the promised span runs, and resolves when it is over.
   */
  private void publishHold(Deployment d, WindowConfig w, HoldOutcome h, Alert.Status status, Instant at,
      String observed) {
    String item = h.itemId();
    String summary = "hold item " + item + (status == Alert.Status.FIRING ? " broke" : " resolved") + " for "
        + plan.name() + " " + d.version() + " in window " + w.name() + ": " + observed;
    Alert alert = new Alert(plan.name(), d.id(), d.version(), w.name(), Alert.hold(item), w.holdSeverity(), status,
        summary, observed, "holds throughout " + w.name(), null, d.deployedAt(), at,
        "/api/plans/" + plan.name() + "/deployments/" + d.id());
    sink.publish(alert).onFailure(e -> LOG.error("could not queue the hold alert for {} {}: {}", plan.name(), item,
        e.getMessage()));
  }

  /** Resolves the alerts of broken holds in the windows {@code which} selects. */
  private void resolveHolds(Deployment d, java.util.function.Predicate<WindowConfig> which, Instant at, String why) {
    for (WindowConfig w : plan.windows()) {
      if (!which.test(w)) continue;
      for (String item : w.holdItemIds()) {
        HoldOutcome h = holds.get(w.name() + "/" + item);
        if (h != null && h.outcome().equals("broken")) publishHold(d, w, h, Alert.Status.RESOLVED, at, why);
      }
    }
  }

  /**
   * After a restart, publishes again the alert of each broken hold: firing while its window is open, resolved once it
   * ended. The sink drops an alert whose status it already holds for that dedup key.
   */
  private void republishHolds(Deployment d) {
    Instant now = now();
    for (WindowConfig w : plan.windows()) {
      boolean ended = WindowTiming.of(w, d).completed(now);
      if (ended) endedWindows.add(d.id() + "/" + w.name());
      for (String item : w.holdItemIds()) {
        HoldOutcome h = holds.get(w.name() + "/" + item);
        if (h == null || !h.outcome().equals("broken")) continue;
        if (ended) publishHold(d, w, h, Alert.Status.RESOLVED, now, "window " + w.name() + " ended");
        else publishHold(d, w, h, Alert.Status.FIRING, h.at(), h.note());
      }
    }
  }

  private void settle(Deployment d, HoldOutcome h) {
    holds.put(h.window() + "/" + h.itemId(), h);
    storeWorkers.executeBlocking(() -> {
      store.recordHold(plan.name(), d.id(), h);
      return null;
    }, true).onFailure(e -> LOG.error("could not store hold {} of {}: {}", h.itemId(), plan.name(), e.getMessage()));
    runtime.settle(h.itemId(), h.outcome().equals("held"), h.window(), h.note());
  }

  /**
   * Brings everything in line with the clock: settles the holds of windows that completed, ends triggers whose
   * windows all closed, and sets one timer for the next window change. Runs on the plan's context.
   */
  private void tick() {
    if (timer >= 0) runtime.context().owner().cancelTimer(timer);
    timer = -1;
    Deployment d = current;
    if (closed || d == null) return;
    Instant now = now();
    Duration next = null;
    for (WindowConfig w : plan.windows()) {
      WindowTiming timing = WindowTiming.of(w, d);
      if (timing.completed(now)) {
        if (endedWindows.add(d.id() + "/" + w.name())) {
          resolveHolds(d, w::equals, timing.closesAt(), "window " + w.name() + " ended");
        }
        for (String item : w.holdItemIds()) {
          if (holds.containsKey(w.name() + "/" + item) || runtime.probesOf(item).isEmpty()) continue;
          settle(d, new HoldOutcome(w.name(), item, "held", timing.closesAt(), "held throughout " + w.name()
              + " (" + timing.opensAt() + " .. " + timing.closesAt() + ") after deployment " + d.version()));
        }
      }
      Duration until = timing.untilNextChange(now);
      if (until != null && (next == null || until.compareTo(next) < 0)) next = until;
    }
    if (!plan.windows().isEmpty()) {
      for (TriggerConfig t : plan.triggers()) {
        if (openWindow(t, d, now) == null) end(t, "window closed");
      }
    }
    if (next != null) {
      long ms = Math.max(1, next.toMillis() + 1);
      timer = runtime.context().owner().setTimer(ms, id -> {
        timer = -1;
        tick();
      });
    }
  }

  /** Stops timers; later results are ignored. */
  public void close() {
    context.runOnContext(v -> {
      closed = true;
      if (timer >= 0) runtime.context().owner().cancelTimer(timer);
    });
  }

  // ------------------------------------------------------------------ reads (store pool)

  public Future<List<Deployment>> deployments(int limit) {
    return storeWorkers.executeBlocking(() -> store.deployments(plan.name(), limit), false);
  }

  public Future<Deployment> deployment(String id) {
    return storeWorkers.executeBlocking(() -> store.deployment(plan.name(), id).orElse(null), false);
  }

  public Future<List<TriggerChange>> history(String deploymentId, String trigger, int limit) {
    return storeWorkers.executeBlocking(() -> store.triggerHistory(plan.name(), deploymentId, trigger, limit), false);
  }

  /** Hold outcomes of a deployment (for superseded ones, from the store). */
  public Future<List<HoldOutcome>> holds(String deploymentId) {
    return storeWorkers.executeBlocking(() -> store.holds(plan.name(), deploymentId), false);
  }
}
