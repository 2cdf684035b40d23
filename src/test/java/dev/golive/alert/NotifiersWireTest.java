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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PagerDuty, Slack and the signed webhook against WireMock, through the real outbox on H2. */
class NotifiersWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUTING_KEY = "R0UTINGKEY0123456789abcdefSECRET";
  private static final String HMAC_SECRET = "whsec-9f8e7d6c5b4a";

  @TempDir Path dir;
  private AlertFixture fx;
  private WireMockServer wire;

  @BeforeEach
  void setUp() {
    fx = new AlertFixture(dir);
    wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wire.start();
  }

  @AfterEach
  void tearDown() {
    fx.close();
    if (wire.isRunning()) wire.stop();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + wire.port() + path;
  }

  private Map<String, String> pagerduty() {
    return Map.of("routing-key", ROUTING_KEY, "url", url("/v2/enqueue"));
  }

  private List<JsonNode> bodies(String path) {
    return wire.findAll(postRequestedFor(urlEqualTo(path))).stream().map(r -> {
      try {
        return JSON.readTree(r.getBodyAsString());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  @Test
  void pagerDutyTriggersThenResolvesOneIncidentWithTheSameDedupKey() {
    wire.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
    fx.open(config("pagerduty", pagerduty()));
    Alert firing = alert(Alert.Status.FIRING);
    await(fx.outbox.publish(firing));
    await(fx.outbox.publish(firing)); // the trigger evaluated again while firing: the same incident
    eventually(() -> assertThat(fx.count("pagerduty", "delivered")).isEqualTo(1));
    await(fx.outbox.publish(alert(Alert.Status.RESOLVED)));
    eventually(() -> assertThat(fx.count("pagerduty", "delivered")).isEqualTo(2));

    List<JsonNode> events = bodies("/v2/enqueue");
    assertThat(events).hasSize(2);
    JsonNode trigger = events.get(0);
    assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
    assertThat(trigger.path("dedup_key").asText()).isEqualTo("golive/shop/d-42/error-rate");
    JsonNode payload = trigger.path("payload");
    assertThat(payload.path("severity").asText()).isEqualTo("critical");
    assertThat(payload.path("source").asText()).isEqualTo("golive/shop");
    assertThat(payload.path("summary").asText()).isEqualTo("shop error rate 7.1% after deploy 1.4.2");
    assertThat(payload.path("custom_details").path("observed").asText()).isEqualTo("0.071");
    assertThat(payload.path("custom_details").path("threshold").asText()).isEqualTo("[VALUE] > 0.05");
    assertThat(payload.path("custom_details").path("baseline").asText()).isEqualTo("0.004");
    assertThat(payload.path("custom_details").path("version").asText()).isEqualTo("1.4.2");
    assertThat(payload.path("custom_details").path("since_deploy").asText()).isEqualTo("4m12s");
    assertThat(trigger.path("links").get(0).path("href").asText())
        .isEqualTo("http://golive.test:8080/api/plans/shop/triggers/error-rate/evidence");
    JsonNode resolve = events.get(1);
    assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.path("dedup_key").asText()).isEqualTo(trigger.path("dedup_key").asText());
    eventually(() -> assertThat(fx.pendingGauge("pagerduty")).isZero());
  }

  @Test
  void pagerDutyRetriesAfter429() {
    wire.stubFor(post("/v2/enqueue").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withBody("{\"status\":\"throttle event\"}")).willSetStateTo("ok"));
    wire.stubFor(post("/v2/enqueue").inScenario("busy").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    fx.open(config("pagerduty", pagerduty()));
    await(fx.outbox.publish(alert(Alert.Status.FIRING)));
    eventually(() -> assertThat(fx.count("pagerduty", "delivered")).isEqualTo(1));
    assertThat(fx.count("pagerduty", "retried")).isEqualTo(1);
    wire.verify(2, postRequestedFor(urlEqualTo("/v2/enqueue")));
    assertThat(bodies("/v2/enqueue")).extracting(b -> b.path("dedup_key").asText()).containsOnly(
        "golive/shop/d-42/error-rate");
  }

  @Test
  void pagerDuty400IsNotRetriedAndTheRoutingKeyNeverLeaks() {
    // a receiver that echoes the key back in its error must not get it into logs or the outbox
    wire.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(400)
        .withBody("{\"status\":\"invalid event\",\"errors\":[\"routing_key " + ROUTING_KEY + " is unknown\"]}")));
    fx.open(config("pagerduty", pagerduty()));
    Alert firing = alert(Alert.Status.FIRING);
    await(fx.outbox.publish(firing));
    eventually(() -> assertThat(fx.count("pagerduty", "failed")).isEqualTo(1));
    eventually(() -> assertThat(fx.outbox.storedErrors(firing.dedupKey())).singleElement().asString()
        .startsWith("HTTP 400"));
    assertThat(fx.count("pagerduty", "retried")).isZero();
    wire.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue")));
    assertThat(fx.outbox.storedErrors(firing.dedupKey()).get(0)).contains("****").doesNotContain(ROUTING_KEY);
    assertThat(fx.logText()).contains("rejected").doesNotContain(ROUTING_KEY);
    assertThat(fx.registry.getMeters()).allSatisfy(m -> assertThat(m.getId().toString()).doesNotContain(ROUTING_KEY));
  }

  @Test
  void slackHonoursRetryAfter() {
    String hook = "/services/T0001/B0002/XXXXtokenXXXX";
    wire.stubFor(post(hook).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
        .willSetStateTo("ok"));
    wire.stubFor(post(hook).inScenario("limited").whenScenarioStateIs("ok").willReturn(aResponse().withBody("ok")));
    fx.open(config("slack", Map.of("url", url(hook))));
    await(fx.outbox.publish(alert(Alert.Status.FIRING)));
    eventually(() -> assertThat(fx.count("slack", "delivered")).isEqualTo(1));

    List<LoggedRequest> requests = wire.findAll(postRequestedFor(urlEqualTo(hook)));
    assertThat(requests).hasSize(2);
    long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertThat(gap).as("ms between the 429 and the retry (back-off alone would be ~100ms)").isGreaterThanOrEqualTo(950);
    JsonNode body = bodies(hook).get(1);
    assertThat(body.path("text").asText()).contains("[FIRING] shop: error-rate (critical)")
        .contains("shop error rate 7.1%");
    assertThat(body.path("blocks").get(0).path("text").path("text").asText())
        .contains("Observed *0.071* vs threshold `[VALUE] > 0.05` (baseline 0.004)")
        .contains("Deployment d-42 (version 1.4.2), window first-30m, 4m12s after deploy")
        .contains("<http://golive.test:8080/api/plans/shop/triggers/error-rate/evidence|Evidence in golive>");
    assertThat(fx.logText()).doesNotContain("XXXXtokenXXXX");
  }

  @Test
  void webhookIsSignedAndDeliveredOnceAfterTheReceiverWasDown() throws Exception {
    int port = AlertFixture.freePort();
    wire.stop(); // nothing listens on the port yet: connection refused
    fx.open(config("webhook", Map.of("url", "http://127.0.0.1:" + port + "/hooks/golive", "secret", HMAC_SECRET)));
    await(fx.outbox.publish(alert(Alert.Status.FIRING)));
    eventually(() -> assertThat(fx.count("webhook", "retried")).isGreaterThanOrEqualTo(3));
    eventually(() -> assertThat(fx.pendingGauge("webhook")).isEqualTo(1));

    wire = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
    wire.stubFor(post("/hooks/golive").willReturn(aResponse().withStatus(204)));
    wire.start();
    eventually(() -> assertThat(fx.count("webhook", "delivered")).isEqualTo(1));
    eventually(() -> assertThat(fx.pendingGauge("webhook")).isZero());

    List<LoggedRequest> requests = wire.findAll(postRequestedFor(urlEqualTo("/hooks/golive")));
    assertThat(requests).hasSize(1);
    LoggedRequest r = requests.get(0);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.getBody()));
    assertThat(r.getHeader("X-Golive-Signature")).isEqualTo(expected);
    assertThat(Long.parseLong(r.getHeader("X-Golive-Timestamp")))
        .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.path("status").asText()).isEqualTo("firing");
    assertThat(body.path("dedupKey").asText()).isEqualTo("golive/shop/d-42/error-rate");
    assertThat(body.path("observed").asText()).isEqualTo("0.071");
    assertThat(body.path("sinceDeploySeconds").asLong()).isEqualTo(252);
    assertThat(fx.logText()).doesNotContain(HMAC_SECRET);
  }
}
