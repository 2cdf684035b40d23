package dev.golive.probe.impl;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionResult;
import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.Probe;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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

  public ConditionalProbe(String id, String kind, Observer observer, List<Condition> conditions, Duration interval,
      Duration timeout, ProbeEnvironment env) {
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

  @Override
  public Future<ProbeResult> run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Promise<Observation> promise = Promise.promise();
    long timer = env.vertx().setTimer(Math.max(1, timeout.toMillis()),
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
      env.vertx().cancelTimer(timer);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      if (ar.failed()) {
        return Future.succeededFuture(new ProbeResult(id, kind, started, took, false, List.of(), Map.of(),
            env.secrets().redact(describe(ar.cause()))));
      }
      return Future.succeededFuture(evaluate(ar.result(), started, took));
    });
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
