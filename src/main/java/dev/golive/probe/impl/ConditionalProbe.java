package dev.golive.probe.impl;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionResult;
import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.Probe;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Observer + conditions + timeout; see {@link Probe#run()} for the contract. */
public final class ConditionalProbe implements Probe {
  private final String id;
  private final String kind;
  private final Observer observer;
  private final List<Condition> conditions;
  private final Duration interval;
  private final Duration timeout;
  private final ProbeEnvironment env;
  private final Duration margin;

  /** How late a run may start, or how long the event loop may stall during it, before golive counts as overloaded. */
  public static final Duration OVERLOAD_MARGIN = Duration.ofSeconds(1);
  private static final long BACKSTOP_MS = 250;

  public ConditionalProbe(String id, String kind, Observer observer, List<Condition> conditions, Duration interval,
      Duration timeout, ProbeEnvironment env) {
    this(id, kind, observer, conditions, interval, timeout, env, OVERLOAD_MARGIN);
  }

  /** As above, with {@code margin} instead of {@link #OVERLOAD_MARGIN}. */
  public ConditionalProbe(String id, String kind, Observer observer, List<Condition> conditions, Duration interval,
      Duration timeout, ProbeEnvironment env, Duration margin) {
    this.margin = margin;
    this.id = id;
    this.kind = kind;
    this.observer = observer;
    this.conditions = List.copyOf(conditions);
    this.interval = interval;
    this.timeout = timeout;
    this.env = env;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  /**
   * {@inheritDoc} An observer that bounds its own work by the timeout ({@link Observer#boundsItsOwnTime()}) says
   * which phase it was in; for the others, a timer here fails the run a little after the timeout.
   */
  @Override
  public Future<ProbeResult> run(Instant scheduledAt) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Duration late = scheduledAt == null ? Duration.ZERO : Duration.between(scheduledAt, started);
    Context context = Vertx.currentContext();
    LoopWatch watch = context == null ? null : LoopWatch.of(context);
    Promise<Observation> promise = Promise.promise();
    long timer = observer.boundsItsOwnTime() ? -1 : env.vertx().setTimer(Math.max(1, timeout.toMillis()) + BACKSTOP_MS,
        t -> promise.tryFail(new TimeoutException("timed out after " + Durations.format(timeout))));
    try {
      observer.observe().onComplete(ar -> {
        if (ar.succeeded()) promise.tryComplete(ar.result());
        else promise.tryFail(ar.cause());
      });
    } catch (RuntimeException e) {
      promise.tryFail(e);
    }
    return promise.future().transform(ar -> {
      if (timer >= 0) env.vertx().cancelTimer(timer);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      ProbeResult result = ar.failed()
          ? new ProbeResult(id, kind, started, took, false, List.of(), Map.of(),
              env.secrets().redact(describe(ar.cause())))
          : evaluate(ar.result(), started, took);
      String overload = overload(late, watch == null ? 0 : watch.stallDuring(t0, margin.toNanos()));
      return Future.succeededFuture(overload == null ? result : result.asOverloaded(overload));
    });
  }

  /** Why golive, not the target, may have shaped the run's outcome and timings; null when it ran on time. */
  private String overload(Duration late, long stallNanos) {
    String why = late.compareTo(margin) > 0 ? "started " + seconds(late.toNanos()) + " late"
        : stallNanos > 0 ? "its event loop stalled for " + seconds(stallNanos) + " during the run" : null;
    return why == null ? null : "golive was overloaded: " + why;
  }

  static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1fs", nanos / 1e9);
  }

  private ProbeResult evaluate(Observation observation, Instant started, Duration took) {
    List<ConditionResult> results = new ArrayList<>(conditions.size());
    boolean success = true;
    for (Condition c : conditions) {
      ConditionResult r = c.evaluate(observation);
      String explanation = r.passed() ? r.explanation() : withReasons(r.explanation(), c, observation);
      String why = r.outcome() == ConditionResult.Outcome.FAILED
          ? observer.reason(c.placeholders(), observation) : null;
      if (why != null) explanation = explanation + ": " + why;
      results.add(new ConditionResult(r.condition(), r.outcome(), env.secrets().redact(explanation)));
      success &= r.passed();
    }
    return new ProbeResult(id, kind, started, took, success, results, Evidence.summarize(observation, env.secrets()),
        null);
  }

  /** A condition that does not pass names the claim in words when the observer said what its placeholders mean. */
  private static String withReasons(String explanation, Condition c, Observation o) {
    StringBuilder s = new StringBuilder(explanation);
    for (String p : c.placeholders()) o.reason(p).ifPresent(why -> s.append(": ").append(why));
    return s.toString();
  }

  /** Failures whose message says it all; others keep their type ({@code UnknownHost: db.example}). */
  private static final java.util.Set<String> PLAIN = java.util.Set.of("NoStackTraceThrowable",
      "IllegalStateException", "IllegalArgumentException", "RuntimeException", "VertxException");

  static String describe(Throwable t) {
    String message = t.getMessage();
    String type = t.getClass().getSimpleName();
    if (t instanceof TimeoutException) return message;
    if (message == null || message.isBlank()) return type;
    if (PLAIN.contains(type)) return message;
    return message.contains(type) ? message : type.replace("Exception", "") + ": " + message;
  }

  @Override
  public void close() {
    observer.close();
  }
}
