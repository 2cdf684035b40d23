package dev.golive.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.golive.rollout.ErrorRateTarget;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback trigger fires while its webhook receiver is not even listening, so the alert waits in the outbox; the
 * daemon (a real process) is killed with -9 mid-window; the receiver starts; the daemon restarts on the same data
 * directory. The window resumes (same deployment, same opensAt), the alert arrives once, and the still-breaching
 * trigger does not open a second incident.
 */
class RollbackRestartIT {
  private static final String TOKEN = "rollback-restart-token";
  private static final String HOOK = "/hooks/golive";
  @TempDir Path work;

  @Test
  void anUndeliveredFiringAlertSurvivesKill9AndArrivesOnce() throws Exception {
    Path plan = Files.createDirectories(work.resolve("shop"));
    for (String f : new String[] {"golive.yaml", "checklist.md"}) {
      Files.copy(Path.of("src/test/resources/RollbackRestartIT/shop", f), plan.resolve(f));
    }
    int port = GoliveProcess.freePort();
    int hookPort = GoliveProcess.freePort(); // nobody listens here until after the kill
    try (ErrorRateTarget target = new ErrorRateTarget()) {
      Map<String, String> env = Map.of("GOLIVE_API_TOKEN", TOKEN, "TARGET_URL", target.url(),
          "HOOK_URL", "http://127.0.0.1:" + hookPort + HOOK, "HOOK_SECRET", "restart-hook-secret");
      String[] run = {"run", "shop", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data", "state"};
      JsonObject before;
      try (GoliveProcess daemon = GoliveProcess.start(work, env, port, run)) {
        daemon.await("/readyz", b -> b.contains("ready"));
        var marked = daemon.post("/api/plans/shop/deployments", TOKEN, "{\"version\": \"2.0.0\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        target.errors(0.3);
        before = new JsonObject(daemon.await("/api/plans/shop/deployments/current",
            b -> trigger(new JsonObject(b)).getString("state").equals("firing")));
        assertThat(trigger(before).getInteger("consecutive")).isEqualTo(2);
        // stored in the outbox and tried at least once against the closed port
        daemon.await("/metrics", m -> m.contains("golive_outbox_pending{receiver=\"webhook\"} 1.0")
            && !m.contains("golive_alert_deliveries_total{receiver=\"webhook\",result=\"retried\"} 0.0"));
        daemon.kill9();
      }

      WireMockServer receiver = new WireMockServer(options().bindAddress("127.0.0.1").port(hookPort));
      receiver.start();
      try (GoliveProcess daemon = GoliveProcess.start(work, env, port, run)) {
        receiver.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200)));
        JsonObject after = new JsonObject(daemon.await("/api/plans/shop/deployments/current", b -> true));
        assertThat(after.getString("id")).isEqualTo(before.getString("id"));
        JsonObject window = after.getJsonArray("windows").getJsonObject(0);
        assertThat(window.getString("state")).isEqualTo("open");
        assertThat(window.getString("opensAt"))
            .isEqualTo(before.getJsonArray("windows").getJsonObject(0).getString("opensAt"));
        assertThat(trigger(after).getString("state")).as("restored, not re-counted").isEqualTo("firing");

        String dedupKey = "golive/shop/" + before.getString("id") + "/error-rate";
        awaitCount(receiver, 1, daemon);
        JsonObject alert = new JsonObject(hooks(receiver).get(0).getBodyAsString());
        assertThat(alert.getString("status")).isEqualTo("firing");
        assertThat(alert.getString("dedupKey")).isEqualTo(dedupKey);
        assertThat(alert.getString("deployment")).isEqualTo(before.getString("id"));
        assertThat(alert.getString("window")).isEqualTo("first-5m");

        // the daemon keeps probing (every second) the still-breaching target: no second incident
        int scrapes = target.scrapes();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (target.scrapes() < scrapes + 4) {
          assertThat(System.nanoTime()).as("the daemon keeps probing").isLessThan(end);
          Thread.sleep(100);
        }
        assertThat(hooks(receiver)).as("delivered once, one incident").hasSize(1);
        assertThat(trigger(new JsonObject(daemon.get("/api/plans/shop/deployments/current").body()))
            .getString("state")).isEqualTo("firing");
        assertThat(daemon.get("/metrics").body()).contains("golive_outbox_pending{receiver=\"webhook\"} 0.0");
      } finally {
        receiver.stop();
      }
    }
  }

  private static JsonObject trigger(JsonObject current) {
    return current.getJsonArray("triggers").getJsonObject(0);
  }

  private static List<LoggedRequest> hooks(WireMockServer receiver) {
    return receiver.findAll(postRequestedFor(urlPathEqualTo(HOOK)));
  }

  private static void awaitCount(WireMockServer receiver, int n, GoliveProcess daemon) throws Exception {
    long end = System.nanoTime() + GoliveProcess.DEADLINE.toNanos();
    while (hooks(receiver).size() < n) {
      assertThat(System.nanoTime()).as("webhook delivery; golive output:\n%s", daemon.output()).isLessThan(end);
      Thread.sleep(100);
    }
  }
}
