package dev.golive.probe;

import dev.golive.condition.Observation;
import dev.golive.config.ConfigNode;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared by the wire probe tests: parse a kind's block, observe on an event loop, serve a router on port 0. */
public final class WireTesting {
  /** A probe timeout for tests that do not measure time: wide enough for a cold JVM on a busy machine. */
  public static final Duration GENEROUS = Duration.ofSeconds(15);

  private WireTesting() {}

  /** The result of parsing one kind block: the spec (null when unusable) and the problems as text. */
  public record Parsed<S>(S spec, List<String> problems) {}

  public static <S> Parsed<S> parse(ProbeKind<S> kind, String yaml, Map<String, String> environment) {
    return parse(kind, yaml, Secrets.of(environment));
  }

  public static <S> Parsed<S> parse(ProbeKind<S> kind, String yaml, Secrets secrets) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.parse("golive.yaml", yaml, problems, secrets);
    S spec = kind.parse(root.get(kind.name()).orElseThrow());
    return new Parsed<>(spec, problems.sorted().stream().map(Object::toString).toList());
  }

  public static ProbeEnvironment environment(Vertx vertx, Secrets secrets) {
    return new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"), secrets);
  }

  /** Calls {@code observe()} on an event-loop context, as the scheduler does, and waits for it. */
  public static Observation observe(Vertx vertx, Observer observer) throws Exception {
    return await(vertx, observer::observe);
  }

  /** Observes expecting failure; returns the failure's message. */
  public static String failure(Vertx vertx, Observer observer) throws Exception {
    try {
      Observation o = observe(vertx, observer);
      throw new AssertionError("expected the observation to fail, got " + o);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause().getMessage();
    }
  }

  /** Runs a probe on an event-loop context and waits for its result. */
  public static ProbeResult run(Vertx vertx, Probe probe) throws Exception {
    return await(vertx, probe::run);
  }

  private static <T> T await(Vertx vertx, java.util.function.Supplier<Future<T>> action) throws Exception {
    Promise<T> promise = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> action.get().onComplete(promise));
    return promise.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Runs a probe of {@code spec} with its kind's default conditions, as a plan without {@code conditions:} would. */
  public static <S> ProbeResult runWithDefaults(Vertx vertx, ProbeKind<S> kind, S spec, ProbeEnvironment env,
      Duration timeout) throws Exception {
    List<dev.golive.condition.Condition> conditions = new java.util.ArrayList<>();
    for (String text : kind.defaultConditions(spec)) conditions.add(dev.golive.condition.Condition.parse(text));
    Probe probe = Probes.of("p", kind.name(), kind.observer(spec, env, timeout), conditions, Duration.ofHours(1),
        timeout, env);
    return run(vertx, probe);
  }

  /** Serves {@code router} on a loopback port chosen by the system; returns the port. */
  public static int serve(Vertx vertx, Router router) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  public static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
