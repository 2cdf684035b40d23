package dev.golive.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.golive.alert.AlertFixture.alert;
import static dev.golive.alert.AlertFixture.await;
import static dev.golive.alert.AlertFixture.config;
import static dev.golive.alert.AlertFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.golive.config.NotifierConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's guarantees: stored before sent, delivered after a restart exactly once, one incident per receiver. */
class OutboxTest {
  @TempDir Path dir;
  private AlertFixture fx;
  private WireMockServer wire;

  @AfterEach
  void tearDown() {
    if (fx != null) fx.close();
    if (wire != null && wire.isRunning()) wire.stop();
  }

  @Test
  void anAlertStoredBeforeARestartIsDeliveredOnceAfterIt() throws Exception {
    int port = AlertFixture.freePort();
    NotifierConfig hook = config("webhook", Map.of("url", "http://127.0.0.1:" + port + "/hook", "secret", "s3cret"));
    fx = new AlertFixture(dir);
    fx.open(hook);
    Alert firing = alert(Alert.Status.FIRING);
    await(fx.outbox.publish(firing)); // stored: the receiver is down, so nothing is delivered
    assertThat(fx.outbox.pending("webhook")).isEqualTo(1);
    fx.stop(); // the daemon dies before delivering

    wire = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
    wire.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    wire.start();
    fx.open(hook); // a new outbox on the same H2 file reloads the row
    eventually(() -> assertThat(fx.count("webhook", "delivered")).isEqualTo(1));

    // after the restart the trigger is still firing: publishing it again is not a new incident
    await(fx.outbox.publish(firing));
    await(fx.outbox.publish(alert(Alert.Status.RESOLVED)));
    eventually(() -> assertThat(fx.count("webhook", "delivered")).isEqualTo(2));
    List<String> statuses = wire.findAll(postRequestedFor(urlEqualTo("/hook"))).stream()
        .map(r -> readStatus(r.getBodyAsString())).toList();
    assertThat(statuses).containsExactly("firing", "resolved");
    assertThat(fx.outbox.pending("webhook")).isZero();
  }

  @Test
  void aStopRightAfterADeliveryWaitsUntilTheDeliveryIsRecordedSoItIsNotSentAgain() throws Exception {
    wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wire.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(300)));
    wire.start();
    NotifierConfig hook = config("webhook", Map.of("url", "http://127.0.0.1:" + wire.port() + "/hook", "secret", "s3cret"));
    fx = new AlertFixture(dir);
    fx.open(hook);
    await(fx.outbox.publish(alert(Alert.Status.FIRING)));
    eventually(() -> assertThat(wire.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1)); // on the wire

    // a slow store: both store threads stay busy until released, so recording the delivery has to wait
    java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    for (int i = 0; i < 2; i++) {
      fx.workers.executeBlocking(() -> {
        busy.countDown();
        return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
      }, false);
    }
    assertThat(busy.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    eventually(() -> assertThat(fx.count("webhook", "delivered")).isEqualTo(1));

    Thread stopping = new Thread(fx::stop); // SIGTERM right after the delivery
    stopping.start();
    while (stopping.isAlive() && stopping.getState() != Thread.State.TIMED_WAITING
        && stopping.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    release.countDown();
    stopping.join(30_000);
    assertThat(stopping.isAlive()).isFalse();

    fx.open(hook);
    assertThat(fx.outbox.pending("webhook")).as("the delivery was recorded before the stop").isZero();
    assertThat(wire.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
  }

  @Test
  void aResolveWaitsForItsFiringAndEachReceiverGetsItsOwnRow() {
    wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wire.stubFor(post("/a").willReturn(aResponse().withStatus(503)));
    wire.stubFor(post("/b").willReturn(aResponse().withStatus(200)));
    wire.start();
    fx = new AlertFixture(dir);
    fx.open(config("webhook", Map.of("url", "http://127.0.0.1:" + wire.port() + "/a", "secret", "s3cret")),
        config("webhook", Map.of("url", "http://127.0.0.1:" + wire.port() + "/b", "secret", "s3cret")),
        config("log", Map.of()));
    await(fx.outbox.publish(alert(Alert.Status.FIRING)));
    await(fx.outbox.publish(alert(Alert.Status.RESOLVED)));
    eventually(() -> assertThat(fx.count("webhook-2", "delivered")).isEqualTo(2));
    eventually(() -> assertThat(fx.count("log", "delivered")).isEqualTo(2));
    eventually(() -> assertThat(fx.count("webhook", "retried")).isGreaterThanOrEqualTo(2));
    assertThat(fx.outbox.pending("webhook")).isEqualTo(2);
    // /a is down: the resolve has not overtaken the firing
    assertThat(wire.findAll(postRequestedFor(urlEqualTo("/a")))).allSatisfy(r ->
        assertThat(readStatus(r.getBodyAsString())).isEqualTo("firing"));
    assertThat(fx.logText()).contains("ALERT [FIRING] shop: error-rate (critical)")
        .contains("observed 0.071 vs threshold [VALUE] > 0.05 (baseline 0.004)");

    wire.stubFor(post("/a").willReturn(aResponse().withStatus(200)));
    eventually(() -> assertThat(fx.count("webhook", "delivered")).isEqualTo(2));
    List<String> a = wire.findAll(postRequestedFor(urlEqualTo("/a"))).stream()
        .map(r -> readStatus(r.getBodyAsString())).toList();
    assertThat(a.get(a.size() - 1)).isEqualTo("resolved");
    assertThat(a.get(a.size() - 2)).isEqualTo("firing");
    eventually(() -> assertThat(fx.pendingGauge("webhook")).isZero());
  }

  @Test
  void backoffGrowsAndIsBounded() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);
    assertThat(b.delay(1).toMillis()).isBetween(900L, 1100L);
    assertThat(b.delay(3).toMillis()).isBetween(3600L, 4400L);
    assertThat(b.delay(30)).isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(b.delay(1000)).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
    assertThat(b.hint(Duration.ofSeconds(7), 1)).isEqualTo(Duration.ofSeconds(7));
    assertThat(b.hint(Duration.ofHours(1), 1)).isEqualTo(Duration.ofMinutes(5));
  }

  private static String readStatus(String json) {
    try {
      return new ObjectMapper().readTree(json).path("status").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
