package dev.golive.probe.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Condition;
import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run that does not pass while golive is starved is inconclusive; the target is not blamed. */
class ConditionalProbeOverloadTest {
  private final Vertx vertx = Vertx.vertx();
  private final io.vertx.core.Context context = vertx.getOrCreateContext(); // one loop, as a plan has
  private final ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"),
      Secrets.of(Map.of()));

  @AfterEach
  void close() throws Exception {
    env.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private ConditionalProbe probe(Observer observer) {
    return new ConditionalProbe("health", "test", observer, List.<Condition>of(), Duration.ofSeconds(30),
        Duration.ofSeconds(5), env);
  }

  private ProbeResult run(ConditionalProbe probe, Instant scheduledAt) throws Exception {
    Promise<ProbeResult> done = Promise.promise();
    context.runOnContext(v -> probe.run(scheduledAt).onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Observer failing(String why) {
    return () -> Future.failedFuture(new IllegalStateException(why));
  }

  @Test
  void aFailedRunThatStartedLateIsInconclusiveAndSaysBy() throws Exception {
    ProbeResult r = run(probe(failing("connection refused: api:443")), Instant.now().minusMillis(2300));

    assertThat(r.overloaded()).matches("golive was overloaded: started 2\\.[3-9]s late");
    assertThat(r.inconclusive()).isTrue();
    assertThat(r.success()).isFalse();
    assertThat(r.error()).as("what the run saw stays in the evidence").isEqualTo("connection refused: api:443");
    assertThat(r.summary()).isEqualTo(r.overloaded());
  }

  @Test
  void aPassingRunThatStartedLateStillPassesAndIsMarked() throws Exception {
    ProbeResult r = run(probe(() -> Future.succeededFuture(Observation.empty())), Instant.now().minusSeconds(5));

    assertThat(r.success()).isTrue();
    assertThat(r.inconclusive()).isFalse();
    assertThat(r.summary()).isEqualTo("ok");
    assertThat(r.overloaded()).as("its timings are golive's too: no trigger may use them")
        .startsWith("golive was overloaded: started 5.");
  }

  @Test
  void aFailedRunOnTimeIsAFailure() throws Exception {
    ProbeResult r = run(probe(failing("HTTP 500")), Instant.now().minusMillis(200));

    assertThat(r.overloaded()).isNull();
    assertThat(r.inconclusive()).isFalse();
    assertThat(r.summary()).isEqualTo("HTTP 500");
  }

  @Test
  void aFailedRunDuringWhichTheEventLoopStalledIsInconclusive() throws Exception {
    ConditionalProbe warm = probe(() -> Future.succeededFuture(Observation.empty()));
    run(warm, null); // the loop watch of this context starts with the first run
    Supplier<Future<Observation>> stalls = () -> {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1600);
      while (System.nanoTime() < end) Thread.onSpinWait(); // golive itself blocks its loop (a GC, a slow handler)
      return Future.failedFuture(new IllegalStateException("RESPONSE_TIME 1.6s > 1s"));
    };

    ProbeResult r = run(probe(stalls::get), Instant.now());

    assertThat(r.overloaded()).matches("golive was overloaded: its event loop stalled for 1\\.\\ds during the run");
    assertThat(r.inconclusive()).isTrue();
  }

  @Test
  void aStallBeforeTheRunDoesNotMakeItInconclusive() throws Exception {
    run(probe(() -> Future.succeededFuture(Observation.empty())), null);
    Promise<Void> stalled = Promise.promise();
    context.runOnContext(v -> {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      while (System.nanoTime() < end) Thread.onSpinWait();
      stalled.complete();
    });
    stalled.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Thread.sleep(LoopWatch.PERIOD_MS * 2); // the watch has ticked since: the stall is over and recorded

    ProbeResult r = run(probe(failing("HTTP 503")), Instant.now());

    assertThat(r.overloaded()).isNull();
    assertThat(r.summary()).isEqualTo("HTTP 503");
  }
}
