package dev.golive.plans;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import dev.golive.rollout.Rollout;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A release drill against a plan's stand-in: the real daemon runs the plan, a deployment is marked, the test injects a
 * fault (an error-rate spike), the trigger's probe keeps running, and the rollback alert must reach the receivers
 * (a WireMock standing in for Alertmanager, PagerDuty and Slack). Blocking; for tests.
 */
public final class RollbackDrill implements AutoCloseable {
  private final WireMockServer receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  public RollbackDrill() {
    receiver.start();
    receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
  }

  /** Base URL of the receiver (Alertmanager at {@code /api/v2/alerts}, PagerDuty at any path, Slack at any path). */
  public String url() {
    return receiver.baseUrl();
  }

  /**
   * Starts the daemon on {@code plan}, marks {@code version}, runs {@code fault}, then runs {@code probe} until an
   * Alertmanager alert naming {@code trigger} arrives (at most 60s). Returns the Alertmanager request bodies.
   */
  public List<String> fire(PlanHarness plan, Path dataDir, String version, Runnable fault, String probe,
      String trigger) throws Exception {
    String name = plan.plan().name();
    try (Daemon d = Daemon.start(List.of(plan.plan()), DaemonOptions.embedded("127.0.0.1", 0, dataDir, null),
        plan.secrets())) {
      Rollout rollout = d.rollouts().get(name);
      rollout.deploy(version, "release drill", "api").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      fault.run();
      PlanRuntime runtime = d.runtimes().get(name);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < end) {
        List<String> alerts = alertmanagerBodies();
        if (alerts.stream().anyMatch(b -> b.contains("\"trigger\":\"" + trigger + "\""))) return alerts;
        Promise<Void> ran = Promise.promise();
        runtime.context().runOnContext(v -> runtime.run(probe).onComplete(ar -> ran.complete()));
        ran.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Thread.sleep(100);
      }
      throw new AssertionError("no Alertmanager alert for trigger " + trigger + " within 60s; got "
          + alertmanagerBodies() + "; rollout triggers: " + rollout.triggers());
    }
  }

  /** Bodies POSTed to Alertmanager's {@code /api/v2/alerts}. */
  public List<String> alertmanagerBodies() {
    return receiver.findAll(postRequestedFor(urlEqualTo("/api/v2/alerts"))).stream().map(LoggedRequest::getBodyAsString)
        .toList();
  }

  /** Every request body the receiver got (all notifiers). */
  public List<String> allBodies() {
    return receiver.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
  }

  @Override
  public void close() {
    receiver.stop();
  }
}
