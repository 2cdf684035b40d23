package dev.golive.alert;

import static dev.golive.alert.AlertFixture.alert;
import static dev.golive.alert.AlertFixture.await;
import static dev.golive.alert.AlertFixture.config;
import static dev.golive.alert.AlertFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Alertmanager (Debian's prometheus-alertmanager) on a loopback port, fed by the outbox. */
class AlertmanagerIT {
  private static AlertmanagerServer alertmanager;
  private static int port;

  @TempDir Path dir;
  private AlertFixture fx;

  @BeforeAll
  static void startAlertmanager() throws Exception {
    alertmanager = AlertmanagerServer.start();
    port = alertmanager.port;
  }

  @AfterAll
  static void stopAlertmanager() throws Exception {
    if (alertmanager != null) alertmanager.close();
  }

  @AfterEach
  void tearDown() {
    if (fx != null) fx.close();
  }

  /** Active alerts for plan shop's trigger error-rate, as Alertmanager lists them. */
  private static List<JsonNode> active() {
    return alertmanager.active("shop");
  }

  @Test
  void firingIsListedWithLabelsAndAnnotationsReSentWithoutDuplicatesThenResolved() {
    fx = new AlertFixture(dir);
    fx.open(config("alertmanager", Map.of("url", "http://127.0.0.1:" + port, "resend", "1s",
        "resolve-repeats", "2")));
    Alert firing = alert(Alert.Status.FIRING);
    await(fx.outbox.publish(firing));
    eventually(() -> assertThat(active()).hasSize(1));

    JsonNode a = active().get(0);
    JsonNode labels = a.path("labels");
    // exactly the labels of the Prometheus rule GoliveRollbackTriggerFiring (see OneAlertPerIncidentIT)
    assertThat(labels.properties()).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("alertname", "plan", "trigger", "severity", "rollback");
    assertThat(labels.path("alertname").asText()).isEqualTo("GoliveRollbackTriggerFiring");
    assertThat(labels.path("plan").asText()).isEqualTo("shop");
    assertThat(labels.path("trigger").asText()).isEqualTo("error-rate");
    assertThat(labels.path("severity").asText()).isEqualTo("critical");
    assertThat(labels.path("rollback").asText()).isEqualTo("true");
    JsonNode annotations = a.path("annotations");
    assertThat(annotations.path("deployment").asText()).isEqualTo("d-42");
    assertThat(annotations.path("window").asText()).isEqualTo("first-30m");
    assertThat(annotations.path("summary").asText()).isEqualTo("shop error rate 7.1% after deploy 1.4.2");
    assertThat(annotations.path("description").asText())
        .contains("observed 0.071 vs threshold [VALUE] > 0.05 (baseline 0.004)")
        .contains("Deployment d-42 (version 1.4.2), window first-30m, 4m12s after deploy")
        .contains("Evidence: http://golive.test:8080/api/plans/shop/triggers/error-rate/evidence");
    assertThat(annotations.path("version").asText()).isEqualTo("1.4.2");
    assertThat(a.path("generatorURL").asText())
        .isEqualTo("http://golive.test:8080/api/plans/shop/triggers/error-rate/evidence");
    assertThat(a.path("startsAt").asText()).startsWith(firing.at().toString().substring(0, 19));
    assertThat(a.path("status").path("state").asText()).isEqualTo("active");

    // re-sent while firing: Alertmanager's updatedAt moves on, and it is still one alert
    String updated = a.path("updatedAt").asText();
    eventually(() -> assertThat(active()).singleElement()
        .satisfies(x -> assertThat(x.path("updatedAt").asText()).isNotEqualTo(updated)));
    await(fx.outbox.publish(firing)); // evaluated again while firing: not a new alert
    eventually(() -> assertThat(active()).singleElement()
        .satisfies(x -> assertThat(x.path("startsAt").asText()).isEqualTo(a.path("startsAt").asText())));
    assertThat(fx.count("alertmanager", "delivered")).isEqualTo(1);

    await(fx.outbox.publish(alert(Alert.Status.RESOLVED)));
    eventually(() -> assertThat(active()).isEmpty());
    // Alertmanager may list the alert as resolved before golive has read its answer and counted the delivery
    eventually(() -> assertThat(fx.count("alertmanager", "delivered")).isEqualTo(2));
    eventually(() -> assertThat(fx.outbox.pending("alertmanager")).isZero());
  }

  @Test
  void aBrokenHoldItemIsItsOwnAlertWithItemAndWindowLabelsAndResolves() {
    fx = new AlertFixture(dir);
    fx.open(config("alertmanager", Map.of("url", "http://127.0.0.1:" + port, "resend", "1s",
        "resolve-repeats", "1")));
    java.time.Instant deployed = AlertFixture.DEPLOYED;
    Alert broken = new Alert("shop", "d-7", "1.4.2", "first-30m", Alert.hold("GO-001"), "warning",
        Alert.Status.FIRING, "hold item GO-001 broke for shop 1.4.2 in window first-30m: health: [STATUS] (503)",
        "health: [STATUS] (503) == 200", "holds throughout first-30m", null, deployed, deployed.plusSeconds(90),
        "/api/plans/shop/deployments/d-7");
    assertThat(broken.dedupKey()).isEqualTo("golive/shop/d-7/hold/GO-001");
    await(fx.outbox.publish(broken));
    eventually(() -> assertThat(holds()).hasSize(1));
    JsonNode a = holds().get(0);
    assertThat(a.path("labels").properties()).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("alertname", "plan", "window", "item", "severity");
    assertThat(a.path("labels").path("alertname").asText()).isEqualTo("GoliveHoldBroken");
    assertThat(a.path("labels").path("item").asText()).isEqualTo("GO-001");
    assertThat(a.path("labels").path("window").asText()).isEqualTo("first-30m");
    assertThat(a.path("labels").path("severity").asText()).isEqualTo("warning");
    assertThat(a.path("annotations").path("description").asText())
        .startsWith("Hold item GO-001 of plan shop broke inside its window: health: [STATUS] (503) == 200")
        .contains("Deployment d-7 (version 1.4.2), window first-30m");

    await(fx.outbox.publish(new Alert("shop", "d-7", "1.4.2", "first-30m", Alert.hold("GO-001"), "warning",
        Alert.Status.RESOLVED, "hold item GO-001 resolved", "window first-30m ended", "holds throughout first-30m",
        null, deployed, java.time.Instant.now(), "/api/plans/shop/deployments/d-7")));
    eventually(() -> assertThat(holds()).isEmpty());
  }

  private static List<JsonNode> holds() {
    return alertmanager.active("shop").stream()
        .filter(a -> a.path("labels").path("alertname").asText().equals("GoliveHoldBroken")).toList();
  }
}
