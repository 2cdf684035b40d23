package dev.golive.alert;

import dev.golive.alert.Notifier.Outcome;
import dev.golive.alert.OutboxStore.Row;
import dev.golive.alert.OutboxStore.Target;
import dev.golive.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable alert outbox. {@link #publish} stores one row per receiver of the alert's plan (on the
 * {@code golive-store} pool) and completes once they are committed; delivery happens afterwards, on the outbox's own
 * event-loop context, with {@link Backoff} while a receiver is down. {@link #start} reloads the rows a previous run
 * left undelivered, so an alert stored before a crash is still sent (at least once; receivers deduplicate by
 * {@link Alert#dedupKey()}).
 *
 * <p>Per receiver and dedup key, rows are delivered in order (a resolve never overtakes its firing). A FIRING for a
 * dedup key already firing at a receiver is not stored again: one incident per receiver, not one per evaluation or
 * restart. Receivers that re-send ({@link Notifier#resend()}) keep a delivered firing row open and send it again
 * until its resolve arrives, then send the resolve {@link Notifier#resolveRepeats()} more times.
 */
public final class Outbox implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final Vertx vertx;
  private final Context context;
  private final OutboxStore store;
  private final WorkerExecutor storeWorkers;
  private static final int CLOSE_WAIT_SECONDS = 10;
  private final Map<String, Map<String, Notifier>> notifiers;
  private final Backoff backoff;
  private final List<AutoCloseable> owned;
  private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Counter>> counters = new HashMap<>();
  // touched only on the outbox context
  private final Map<String, Deque<Row>> lanes = new LinkedHashMap<>();
  private final Map<String, Long> timers = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<Long> known = new HashSet<>();
  private volatile boolean closed;
  /** Row states being written: {@link #close()} waits for them, so a delivered alert is not sent again after a restart. */
  private final Set<Future<?>> writing = ConcurrentHashMap.newKeySet();
  private volatile java.util.function.Predicate<String> owns = plan -> true;

  /**
   * @param notifiersByPlan each plan's receivers by name (names unique within a plan)
   * @param owned closed with the outbox (the shared web client)
   */
  public Outbox(Vertx vertx, DataSource dataSource, WorkerExecutor storeWorkers, MeterRegistry registry,
      Map<String, List<Notifier>> notifiersByPlan, Backoff backoff, List<AutoCloseable> owned) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.store = new OutboxStore(dataSource);
    this.storeWorkers = storeWorkers;
    this.backoff = backoff;
    this.owned = List.copyOf(owned);
    Map<String, Map<String, Notifier>> byPlan = new LinkedHashMap<>();
    notifiersByPlan.forEach((plan, list) -> {
      Map<String, Notifier> byName = new LinkedHashMap<>();
      for (Notifier n : list) {
        if (byName.putIfAbsent(n.name(), n) != null) {
          throw new IllegalArgumentException("plan " + plan + " has two receivers named " + n.name());
        }
        register(registry, n.name());
      }
      byPlan.put(plan, byName);
    });
    this.notifiers = byPlan;
  }

  private void register(MeterRegistry registry, String receiver) {
    if (counters.containsKey(receiver)) return;
    Map<String, Counter> byResult = new HashMap<>();
    for (String result : List.of("delivered", "failed", "retried")) {
      byResult.put(result, Counter.builder(MetricNames.ALERTS_SENT).tags("receiver", receiver, "result", result)
          .description("Alert deliveries by result").register(registry));
    }
    counters.put(receiver, byResult);
    AtomicInteger count = pending.computeIfAbsent(receiver, r -> new AtomicInteger());
    Gauge.builder(MetricNames.OUTBOX_PENDING, count, AtomicInteger::get).tags("receiver", receiver)
        .description("Alerts stored but not yet delivered").register(registry);
  }

  /**
   * On a cluster: deliver only the rows of the plans this replica owns (set before {@link #start}); the others are
   * loaded by {@link #activate} when the plan's lease is taken.
   */
  public void deliverOnly(java.util.function.Predicate<String> owns) {
    this.owns = owns;
  }

  /** Reloads undelivered rows and starts delivering them; completes once they are loaded. */
  public Future<Void> start() {
    return load(null);
  }

  /** Loads and delivers the undelivered rows of a plan this replica has just taken over. */
  public Future<Void> activate(String plan) {
    return load(plan);
  }

  /** Stops delivering a plan's rows here (its lease went elsewhere); they stay stored for the new owner. */
  public Future<Void> deactivate(String plan) {
    return onContext(() -> {
      for (var it = lanes.entrySet().iterator(); it.hasNext(); ) {
        var lane = it.next();
        if (!lane.getValue().isEmpty() && !lane.getValue().peekFirst().plan.equals(plan)) continue;
        Long timer = timers.remove(lane.getKey());
        if (timer != null) vertx.cancelTimer(timer);
        lane.getValue().forEach(r -> known.remove(r.id));
        it.remove();
      }
      recount();
    });
  }

  private Future<Void> load(String plan) {
    return storeWorkers.executeBlocking(() -> store.open(System.currentTimeMillis(), plan))
        .compose(all -> onContext(() -> {
          List<Row> rows = all.stream().filter(r -> owns.test(r.plan)).toList();
          Set<String> unknown = new HashSet<>();
          for (Row r : rows) {
            if (notifier(r) == null) {
              if (unknown.add(r.plan + "/" + r.receiver)) {
                LOG.warn("alert outbox: receiver {} of plan {} is no longer configured; its alerts stay stored",
                    r.receiver, r.plan);
              }
              continue;
            }
            enqueue(r);
          }
          if (!rows.isEmpty()) LOG.info("alert outbox: {} undelivered alerts reloaded", rows.size() - unknown.size());
        }));
  }

  /** A sink for one plan's alerts (the outbox routes by {@link Alert#plan()} anyway). */
  public AlertSink forPlan(String plan) {
    return notifiers.containsKey(plan) && !notifiers.get(plan).isEmpty() ? this : AlertSink.none();
  }

  @Override
  public Future<Void> publish(Alert alert) {
    Map<String, Notifier> receivers = notifiers.getOrDefault(alert.plan(), Map.of());
    if (receivers.isEmpty()) return Future.succeededFuture();
    if (closed) return Future.failedFuture("the alert outbox is closed");
    List<Target> targets = new ArrayList<>();
    for (Notifier n : receivers.values()) targets.add(new Target(n.name(), repeats(n, alert.status())));
    return storeWorkers.executeBlocking(() -> store.insert(alert, targets, System.currentTimeMillis()))
        .compose(rows -> onContext(() -> rows.forEach(this::enqueue)));
  }

  private static int repeats(Notifier n, Alert.Status status) {
    if (n.resend() == null) return 0;
    return status == Alert.Status.FIRING ? -1 : n.resolveRepeats();
  }

  /** Alerts stored for {@code receiver} and not yet delivered. */
  public int pending(String receiver) {
    AtomicInteger n = pending.get(receiver);
    return n == null ? 0 : n.get();
  }

  private Future<Void> onContext(Runnable action) {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.run();
        p.complete();
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  private static String laneKey(Row r) {
    return r.plan + "\n" + r.receiver + "\n" + r.alert.dedupKey();
  }

  private Notifier notifier(Row r) {
    return notifiers.getOrDefault(r.plan, Map.of()).get(r.receiver);
  }

  private void enqueue(Row r) {
    if (closed || !known.add(r.id)) return;
    String key = laneKey(r);
    Deque<Row> lane = lanes.computeIfAbsent(key, k -> new ArrayDeque<>());
    lane.addLast(r);
    Row head = lane.peekFirst();
    if (head != r && head.deliveredMs != null && timers.containsKey(key)) {
      vertx.cancelTimer(timers.remove(key)); // stop waiting for the next re-send: the successor goes now
    }
    recount();
    pump(key);
  }

  private void pump(String key) {
    if (closed || inFlight.contains(key) || timers.containsKey(key)) return;
    Deque<Row> lane = lanes.get(key);
    while (lane != null && !lane.isEmpty()) {
      Row head = lane.peekFirst();
      boolean finished = head.done || head.deliveredMs != null && (lane.size() > 1 || head.repeatsLeft == 0);
      if (!finished) break;
      lane.pollFirst();
      if (!head.done) {
        head.done = true;
        persist(head, null);
      }
    }
    if (lane == null || lane.isEmpty()) {
      lanes.remove(key);
      recount();
      return;
    }
    Row head = lane.peekFirst();
    long delay = Math.max(1, head.nextMs - System.currentTimeMillis());
    timers.put(key, vertx.setTimer(delay, id -> attempt(key, head)));
  }

  private void attempt(String key, Row row) {
    timers.remove(key);
    if (closed) return;
    inFlight.add(key);
    // fenced on a cluster: a replica that lost the plan's lease (or whose row another replica finished) sends nothing
    storeWorkers.executeBlocking(() -> store.claim(row.id)).onComplete(ar -> context.runOnContext(v -> {
      if (ar.succeeded() && ar.result()) {
        send(key, row);
        return;
      }
      inFlight.remove(key);
      if (closed) return;
      if (ar.failed()) LOG.warn("alert outbox: not sending {} {}: {}", row.alert.status(), row.alert.dedupKey(),
          ar.cause().getMessage());
      Deque<Row> lane = lanes.get(key);
      if (ar.succeeded() && lane != null) {
        lane.remove(row); // finished elsewhere
        known.remove(row.id);
        recount();
        pump(key);
      } else if (lane != null && owns.test(row.plan)) {
        row.nextMs = System.currentTimeMillis() + backoff.hint(null, Math.max(1, row.attempts)).toMillis();
        pump(key);
      }
    }));
  }

  private void send(String key, Row row) {
    Notifier n = notifier(row);
    Future<Outcome> sent;
    try {
      sent = n.send(row.alert);
    } catch (RuntimeException e) {
      sent = Future.succeededFuture(Outcome.retry(String.valueOf(e.getMessage()), null));
    }
    sent.otherwise(e -> Outcome.retry(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null))
        .onComplete(ar -> context.runOnContext(v -> settle(key, row, n, ar.result())));
  }

  private void settle(String key, Row row, Notifier n, Outcome outcome) {
    inFlight.remove(key);
    if (closed) return;
    long now = System.currentTimeMillis();
    boolean first = row.deliveredMs == null;
    String what = row.alert.status() + " " + row.alert.dedupKey() + " to " + n.name();
    switch (outcome.kind()) {
      case DELIVERED -> {
        if (first) {
          row.deliveredMs = now;
          counters.get(n.name()).get("delivered").increment();
          LOG.info("alert {} delivered", what);
        } else if (row.repeatsLeft > 0) {
          row.repeatsLeft--;
        }
        row.lastError = null;
        if (row.repeatsLeft == 0) row.done = true;
        else row.nextMs = now + n.resend().toMillis();
      }
      case RETRY -> {
        row.attempts++;
        row.lastError = n.redact(outcome.detail());
        Duration wait = backoff.hint(outcome.retryAfter(), row.attempts);
        row.nextMs = now + wait.toMillis();
        counters.get(n.name()).get("retried").increment();
        LOG.warn("alert {} not delivered ({}), attempt {}; retrying in {} ms", what, row.lastError, row.attempts,
            wait.toMillis());
      }
      case REJECTED -> {
        row.attempts++;
        row.lastError = n.redact(outcome.detail());
        row.done = true;
        counters.get(n.name()).get("failed").increment();
        LOG.error("alert {} rejected by the receiver, not retried: {}", what, row.lastError);
      }
    }
    recount();
    persist(row, key);
  }

  /** Writes the row's state on the store pool, then (when {@code key} is set) moves its lane on. */
  private void persist(Row r, String key) {
    int attempts = r.attempts;
    long next = r.nextMs;
    Long delivered = r.deliveredMs;
    int repeats = r.repeatsLeft;
    boolean done = r.done;
    String error = r.lastError;
    if (key != null) inFlight.add(key);
    Future<Object> write = storeWorkers.executeBlocking(() -> {
      store.update(r.id, attempts, next, delivered, repeats, done, error);
      return null;
    });
    writing.add(write);
    write.onComplete(ar -> writing.remove(write));
    write.onComplete(ar -> context.runOnContext(v -> {
      if (ar.failed() && !closed) LOG.warn("alert outbox: {}", ar.cause().getMessage());
      if (key != null) {
        inFlight.remove(key);
        pump(key);
      }
    }));
  }

  private void recount() {
    Map<String, Integer> counts = new HashMap<>();
    for (Deque<Row> lane : lanes.values()) {
      for (Row r : lane) {
        if (!r.done && r.deliveredMs == null) counts.merge(r.receiver, 1, Integer::sum);
      }
    }
    pending.forEach((receiver, n) -> n.set(counts.getOrDefault(receiver, 0)));
  }

  /** The stored last error of every row of a dedup key, oldest first (blocking: tests and diagnostics). */
  List<String> storedErrors(String dedupKey) {
    return store.errors(dedupKey);
  }

  /**
   * Stops delivering (stored rows stay for the next start), waits up to {@value #CLOSE_WAIT_SECONDS} s for row states
   * being written (not on an event loop: there it does not wait), and closes the web client. Safe to call twice.
   */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (!Context.isOnEventLoopThread() && !writing.isEmpty()) {
      try {
        Future.join(List.copyOf(writing)).toCompletionStage().toCompletableFuture()
            .get(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("alert outbox: closing before every delivery was recorded ({}); those may be sent again",
            e.getMessage());
      }
    }
    context.runOnContext(v -> {
      timers.values().forEach(vertx::cancelTimer);
      timers.clear();
    });
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("closing {}: {}", c, e.getMessage());
      }
    }
  }
}
