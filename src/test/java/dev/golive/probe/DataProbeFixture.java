package dev.golive.probe;

import dev.golive.condition.Observation;
import dev.golive.config.ConfigNode;
import dev.golive.config.ConfigProblem;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A Vert.x instance, a blocking pool and a probe environment for tests of the backup/promql/sql/command kinds. */
public final class DataProbeFixture implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final Secrets secrets;
  private final WorkerExecutor blocking = vertx.createSharedWorkerExecutor("golive-blocking-test", 8);
  public final ProbeEnvironment env;

  public DataProbeFixture() {
    this(Map.of());
  }

  public DataProbeFixture(Map<String, String> environment) {
    secrets = Secrets.of(environment);
    env = new ProbeEnvironment(vertx, blocking, secrets);
  }

  /** Calls {@code observe()} on an event loop and waits (bounded) for its outcome. */
  public Outcome observe(Observer observer, Duration bound) throws InterruptedException {
    return await(observer::observe, bound);
  }

  /** Runs {@code action} on an event-loop context and waits (bounded) for its future. */
  public <T> T run(Supplier<Future<T>> action, Duration bound) throws Exception {
    Outcome o = await(() -> action.get().map(x -> (Object) x), bound);
    if (o.error() != null) throw new ExecutionException(o.error());
    @SuppressWarnings("unchecked") T t = (T) o.value();
    return t;
  }

  private Outcome await(Supplier<Future<?>> action, Duration bound) throws InterruptedException {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> {
      Future<?> f;
      try {
        f = action.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> done.complete(ar.succeeded() ? new Outcome(ar.result(), null) : new Outcome(null, ar.cause())));
    });
    try {
      return done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no outcome within " + bound, e);
    }
  }

  /** What an observation ended with: a value or an error. */
  public record Outcome(Object value, Throwable error) {
    public Observation observation() {
      if (error != null) throw new AssertionError("observation failed: " + error, error);
      return (Observation) value;
    }

    public String errorMessage() {
      if (error == null) throw new AssertionError("expected a failure, got " + value);
      return String.valueOf(error.getMessage());
    }
  }

  /** A kind's parse result and the problems reported while parsing {@code yaml} (the block itself). */
  public record Parsed<S>(S spec, List<String> problems) {}

  public static <S> Parsed<S> parse(ProbeKind<S> kind, String yaml, Map<String, String> environment) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.parse("golive.yaml", kind.name() + ":\n" + yaml.indent(2), problems,
        Secrets.of(environment));
    S spec = kind.parse(root.get(kind.name()).orElse(root));
    return new Parsed<>(spec, problems.sorted().stream().map(ConfigProblem::toString).toList());
  }

  public static <S> Parsed<S> parse(ProbeKind<S> kind, String yaml) {
    return parse(kind, yaml, Map.of());
  }

  @Override
  public void close() {
    env.close();
    blocking.close();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
