package dev.golive.probe.request;

import dev.golive.condition.Condition;
import dev.golive.condition.ConditionResult;
import dev.golive.condition.ConditionSyntaxException;
import dev.golive.condition.Observation;
import dev.golive.config.ConfigNode;
import dev.golive.config.ConfigProblem;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Shared helpers for probe-kind tests: parse a kind's YAML block, run futures on a Vert.x context and wait. */
public final class Fixtures {
  private Fixtures() {}

  /** The result of parsing a kind block: the spec (null when unusable) and every problem reported. */
  public record Parsed<S>(S spec, List<ConfigProblem> problems) {
    public List<String> messages() {
      return problems.stream().map(ConfigProblem::toString).toList();
    }
  }

  /** Parses {@code yaml} (the kind's block itself, a mapping) from a file named {@code golive.yaml}. */
  public static <S> Parsed<S> parse(ProbeKind<S> kind, String yaml, Secrets secrets) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.parse("golive.yaml", "probe:\n" + yaml.indent(2), problems, secrets);
    ConfigNode block = root.get("probe").orElseThrow();
    S spec = kind.parse(block);
    return new Parsed<>(spec, problems.sorted());
  }

  /** Runs {@code work} on a fresh event-loop context and waits up to 20 seconds for its result. */
  public static <T> T await(Vertx vertx, Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        work.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    try {
      return promise.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed: " + e, e);
    }
  }

  /** Runs {@code work} on a fresh event-loop context and returns why its future failed (it must fail). */
  public static Throwable failure(Vertx vertx, Supplier<Future<?>> work) {
    Promise<Throwable> promise = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(
        ok -> promise.fail(new AssertionError("expected a failure, got " + ok)), promise::complete));
    return await(promise.future());
  }

  /** Evaluates condition texts (e.g. a kind's defaults) against an observation: pass/fail plus explanation each. */
  public static List<String> evaluate(List<String> conditions, Observation observation) {
    return conditions.stream().map(text -> {
      try {
        ConditionResult r = Condition.parse(text).evaluate(observation);
        return r.outcome() + " " + r.explanation();
      } catch (ConditionSyntaxException e) {
        throw new AssertionError("does not parse: " + text, e);
      }
    }).toList();
  }

  /** Waits for a future that is already running. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed: " + e, e);
    }
  }
}
