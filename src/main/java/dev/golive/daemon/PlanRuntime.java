package dev.golive.daemon;

import dev.golive.checklist.ChecklistItem;
import dev.golive.config.PlanConfig;
import dev.golive.config.ProbeConfig;
import dev.golive.probe.Probe;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.Probes;
import dev.golive.store.Store;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.ItemTracker;
import dev.golive.verdict.PlanVerdict;
import dev.golive.verdict.Transition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plan at run time. All mutation happens on the plan's own Vert.x context ({@link #context()}); readers on other
 * threads see {@link #items()}, {@link #lastResults()} and {@link #verdict()} through concurrent maps and an atomically
 * cached verdict. Transitions are persisted in order on the {@code golive-store} worker pool.
 */
public final class PlanRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRuntime.class);

  private final PlanConfig plan;
  private final Context context;
  private final Store store;
  private final WorkerExecutor storeWorkers;
  private final Map<String, Probe> probes = new LinkedHashMap<>();
  private final Map<String, ItemTracker> trackers = new LinkedHashMap<>();
  private final Map<String, List<String>> probesByItem = new LinkedHashMap<>();
  private final Map<String, List<String>> ticksByProbe = new HashMap<>();
  /** Probes with a run in flight; added by whichever thread starts a run, removed on the context. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, ItemView> items = new ConcurrentHashMap<>();
  private final Map<String, ProbeResult> lastResults = new ConcurrentHashMap<>();
  private final List<Consumer<ProbeResult>> resultListeners = new ArrayList<>();
  private final List<Consumer<Transition>> transitionListeners = new ArrayList<>();
  /** Bumped after every state change; the verdict is judged again on the first read after a bump. */
  private final AtomicLong changes = new AtomicLong();
  private final AtomicReference<Judged> judged = new AtomicReference<>();
  /** Set when a reloaded plan replaced this one: runs still in flight end without changing any state. */
  private volatile boolean retired;
  private final ScheduleLag scheduleLag;
  /** The event loop each probe runs on ({@link ProbeEnvironment#loopFor}), chosen once. */
  private final Map<String, Context> loops = new HashMap<>();
  /** Transitions not yet handed to the store, the batch being written, and who waits for all to be stored. */
  private final List<Unstored> unstored = new ArrayList<>();
  private boolean writing;
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();

  private record Judged(long changes, PlanVerdict verdict) {}

  public PlanRuntime(PlanConfig plan, Context context, Store store, WorkerExecutor storeWorkers, ProbeEnvironment env) {
    this.plan = plan;
    this.context = context;
    this.store = store;
    this.storeWorkers = storeWorkers;
    this.scheduleLag = new ScheduleLag(plan.name());
    for (ProbeConfig p : plan.probes()) {
      probes.put(p.id(), Probes.of(p.id(), p.kind().name(), observer(p, env), p.conditions(), p.interval(), p.timeout(),
          env));
      loops.put(p.id(), env.loopFor(plan.name() + "/" + p.id()));
      ticksByProbe.put(p.id(), p.ticks());
      for (String item : p.ticks()) probesByItem.computeIfAbsent(item, k -> new ArrayList<>()).add(p.id());
    }
    for (ChecklistItem i : plan.checklist().items()) {
      ItemTracker t = new ItemTracker(i.id(), i.declared(), probesByItem.containsKey(i.id()),
          plan.defaults().passesToTick(), plan.defaults().failuresToRegress());
      trackers.put(i.id(), t);
      items.put(i.id(), new ItemView(t.state(), null));
    }
    judged.set(new Judged(0, judge()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static dev.golive.probe.Observer observer(ProbeConfig p, ProbeEnvironment env) {
    return ((ProbeKind) p.kind()).observer(p.spec(), env, p.timeout());
  }

  public PlanConfig plan() {
    return plan;
  }

  public String name() {
    return plan.name();
  }

  public Context context() {
    return context;
  }

  public Map<String, ItemView> items() {
    return items;
  }

  public Map<String, ProbeResult> lastResults() {
    return lastResults;
  }

  /**
   * The plan's Go/No-Go as of the last state change; safe from any thread. Judged lazily, on the first read after a
   * change, so that a plan of thousands of items does not judge all of them on every transition.
   */
  public PlanVerdict verdict() {
    long seen = changes.get();
    Judged last = judged.get();
    if (last.changes() >= seen) return last.verdict();
    // items were updated before the counter was bumped: this judgement reflects at least change number 'seen'
    Judged fresh = new Judged(seen, judge());
    judged.accumulateAndGet(fresh, (a, b) -> a.changes() >= b.changes() ? a : b);
    return fresh.verdict();
  }

  public Map<String, Probe> probes() {
    return probes;
  }

  public List<String> probesOf(String itemId) {
    return probesByItem.getOrDefault(itemId, List.of());
  }

  /** Whether the item's evidence is conclusive for a one-off check ({@link ItemTracker#settled()}); on the context. */
  public boolean settled(String itemId) {
    ItemTracker t = trackers.get(itemId);
    return t == null || t.settled();
  }

  /** Called on the plan's context after each probe result (metrics). Register before {@link #restore()}. */
  public void onResult(Consumer<ProbeResult> listener) {
    resultListeners.add(listener);
  }

  /** Called on the plan's context after each state change. Register before {@link #restore()}. */
  public void onTransition(Consumer<Transition> listener) {
    transitionListeners.add(listener);
  }

  /** Loads stored states (on the store pool), then applies them on the plan's context. */
  public Future<Void> restore() {
    return storeWorkers.executeBlocking(() -> store.states(plan.name()), true).compose(stored -> {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> {
        stored.forEach((id, s) -> {
          ItemTracker t = trackers.get(id);
          if (t == null) return;
          boolean stillValid = t.probed() ? s.state() != ItemState.MANUAL : s.state() == ItemState.DONE
              || s.state() == ItemState.MANUAL;
          if (!stillValid) return;
          t.restore(s.state());
          items.put(id, new ItemView(s.state(), s.since()));
        });
        changes.incrementAndGet();
        done.complete();
      });
      return done.future();
    });
  }

  /** How late this plan's runs start, and whether golive keeps up with the schedule. */
  public ScheduleLag scheduleLag() {
    return scheduleLag;
  }

  /** Runs one probe now unless its previous run is still going. Safe from any thread. */
  public Future<ProbeResult> run(String probeId) {
    return run(probeId, null);
  }

  /**
   * Runs one probe that was scheduled for {@code scheduledAt} (null: now; how late it started is recorded, and a late
   * run that does not pass is inconclusive), unless its previous run is still going. Safe from any thread: the run
   * goes straight to the probe's event loop, and its result is applied on {@link #context()}. The returned future
   * completes there, with the result (also when the plan was retired meanwhile: then it changes nothing), or fails
   * when the probe is unknown or still running.
   */
  public Future<ProbeResult> run(String probeId, Instant scheduledAt) {
    Probe probe = probes.get(probeId);
    if (probe == null) return Future.failedFuture("no probe " + probeId);
    if (!running.add(probeId)) return Future.failedFuture("probe " + probeId + " is still running");
    Promise<ProbeResult> done = Promise.promise();
    loops.get(probeId).runOnContext(v -> {
      Future<ProbeResult> run;
      try {
        run = probe.run(scheduledAt);
      } catch (RuntimeException e) {
        run = Future.failedFuture(e);
      }
      run.onComplete(ar -> context.runOnContext(x -> {
        running.remove(probeId);
        if (scheduledAt != null) {
          Instant started = ar.succeeded() ? ar.result().startedAt() : Instant.now();
          scheduleLag.lag(java.time.Duration.between(scheduledAt, started));
        }
        if (ar.succeeded() && !retired) accept(ar.result());
        done.handle(ar);
      }));
    });
    return done.future();
  }

  /** Runs every probe once, concurrently; completes (on {@link #context()}) when all are done. */
  public Future<Void> runAllOnce() {
    List<Future<ProbeResult>> all = new ArrayList<>();
    for (String id : probes.keySet()) all.add(run(id));
    return Future.join(all).mapEmpty();
  }

  private void accept(ProbeResult result) {
    lastResults.put(result.probeId(), result);
    if (result.overloaded() != null && !result.success()) scheduleLag.inconclusive();
    resultListeners.forEach(l -> l.accept(result));
    for (String itemId : ticksByProbe.getOrDefault(result.probeId(), List.of())) {
      Boolean outcome = outcome(itemId);
      if (outcome == null) continue;
      ItemTracker t = trackers.get(itemId);
      ItemState before = t.state();
      ItemState after = t.observe(outcome);
      if (after != before) {
        // an item with several probes may fail on the first before the others reported: no null evidence
        List<ProbeResult> evidence = probesOf(itemId).stream().map(lastResults::get)
            .filter(java.util.Objects::nonNull).toList();
        change(new Transition(plan.name(), itemId, before, after, now(), "probe",
            String.join(",", probesOf(itemId)), null, evidence));
      }
    }
  }

  /** True when every probe of the item passed last, false when one proved a failure, null when undecided. */
  private Boolean outcome(String itemId) {
    boolean all = true;
    for (String probeId : probesOf(itemId)) {
      ProbeResult r = lastResults.get(probeId);
      if (r == null) return null;
      if (r.success()) continue;
      if (r.inconclusive()) all = false;
      else return false;
    }
    return all ? true : null;
  }

  /**
   * A person ticks or unticks an item without probes. Completes with the transition (null when nothing changed),
   * or fails with {@link IllegalStateException} when the item is ticked by probes or {@link IllegalArgumentException}
   * when it does not exist.
   */
  public Future<Transition> manual(String itemId, boolean ticked, String who, String note) {
    Promise<Transition> promise = Promise.promise();
    context.runOnContext(v -> {
      ItemTracker t = trackers.get(itemId);
      if (t == null) {
        promise.fail(new IllegalArgumentException("no item '" + itemId + "' in plan " + plan.name()));
        return;
      }
      try {
        ItemState before = t.state();
        ItemState after = t.manual(ticked);
        if (before == after) {
          promise.complete(null);
          return;
        }
        Transition tr = new Transition(plan.name(), itemId, before, after, now(), "manual", who, note,
            List.of());
        change(tr).onComplete(ar -> promise.complete(tr));
      } catch (IllegalStateException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /**
   * A post-deploy window settles one of its hold items: done when it held throughout the window, failing when it broke
   * (cause {@code window}, actor the window, note what was observed, evidence the item's probes' last results).
   * Completes with the transition; must be called on {@link #context()}. Items without probes are left alone (null).
   */
  public Future<Transition> settle(String itemId, boolean held, String window, String note) {
    ItemTracker t = trackers.get(itemId);
    if (t == null || !t.probed()) return Future.succeededFuture();
    ItemState before = t.state();
    ItemState after = held ? ItemState.DONE : ItemState.FAILING;
    t.restore(after);
    List<ProbeResult> evidence = probesOf(itemId).stream().map(lastResults::get).filter(r -> r != null).toList();
    Transition tr = new Transition(plan.name(), itemId, before, after, now(), "window", window, note, evidence);
    return change(tr).map(tr);
  }

  private Future<Void> change(Transition t) {
    items.put(t.itemId(), new ItemView(t.to(), t.at()));
    changes.incrementAndGet();
    transitionListeners.forEach(l -> l.accept(t));
    LOG.info("{} {}: {} -> {} ({})", plan.name(), t.itemId(), t.from().label(), t.to().label(),
        t.cause().equals("manual") ? "by " + t.actor() : summary(t));
    Promise<Void> stored = Promise.promise();
    unstored.add(new Unstored(t, stored));
    if (!writing) writeUnstored();
    return stored.future();
  }

  /** A transition waiting for the store, and who waits for it. */
  private record Unstored(Transition transition, Promise<Void> stored) {}

  /**
   * Writes every transition waiting, in order, as one batch on the store pool; those that arrive meanwhile form the
   * next batch. A burst (10,000 items ticking at start) costs a few transactions instead of one each. On the context.
   */
  private void writeUnstored() {
    List<Unstored> batch = new ArrayList<>(unstored);
    unstored.clear();
    writing = true;
    storeWorkers.<Void>executeBlocking(() -> {
      store.recordAll(batch.stream().map(Unstored::transition).toList());
      return null;
    }, false).onComplete(ar -> context.runOnContext(v -> {
      writing = false;
      for (Unstored u : batch) {
        if (ar.failed()) {
          LOG.error("could not store {} {}: {}", plan.name(), u.transition().itemId(), ar.cause().getMessage());
        }
        u.stored().handle(ar);
      }
      if (!unstored.isEmpty()) {
        writeUnstored();
      } else {
        idleWaiters.forEach(p -> p.tryComplete());
        idleWaiters.clear();
      }
    }));
  }

  /** Completes once every state change so far is stored (or failed to store): at shutdown, nothing is left behind. */
  public Future<Void> stored() {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      if (!writing && unstored.isEmpty()) p.complete();
      else idleWaiters.add(p);
    });
    return p.future();
  }

  private static String summary(Transition t) {
    return t.results().stream().filter(r -> r != null && !r.success()).map(r -> r.probeId() + ": " + r.summary())
        .findFirst().orElse("probes pass");
  }

  private PlanVerdict judge() {
    Map<String, ItemState> states = new LinkedHashMap<>();
    items.forEach((id, v) -> states.put(id, v.state()));
    return PlanVerdict.judge(plan.name(), plan.gates(), List.copyOf(probesByItem.keySet()), states);
  }

  /** Millisecond precision: what the store keeps, so restored and live times compare equal. */
  private static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /**
   * Takes over the last results of {@code probeIds} (probes that did not change) from the runtime this one replaces,
   * so their evidence and rollback triggers go on where they were. Call before {@link #restore()}.
   */
  public void adoptResults(PlanRuntime replaced, java.util.Collection<String> probeIds) {
    for (String id : probeIds) {
      ProbeResult r = replaced.lastResults.get(id);
      if (r != null && probes.containsKey(id)) lastResults.put(id, r);
    }
  }

  /** Stops applying results (see {@link #adoptResults}); the replacement owns the plan's state from now on. */
  public void retire() {
    retired = true;
  }

  public void close() {
    retired = true;
    probes.values().forEach(Probe::close);
  }
}
