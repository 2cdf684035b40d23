package dev.golive.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.golive.alert.AlertFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.rollout.ErrorRateTarget;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon, end to end: a plan whose metrics probe reads a loopback service with a test-controlled error
 * rate, a deployment marked through the API, a {@code for: 3} rollback trigger, and every notifier at once: a real
 * Alertmanager plus PagerDuty, Slack and a signed webhook on WireMock (the webhook down while the trigger fires).
 * The test runs the probe the way the scheduler's job does (on the plan's context), so counts are exact.
 */
class RollbackAlertsIT {
  private static final String TOKEN = "rollback-alerts-token";
  private static final String PD_KEY = "pd-routing-key-R0UT1NG";
  private static final String HOOK_SECRET = "hook-secret-S3CR3T";
  private static final String PD = "/v2/enqueue";
  private static final String SLACK = "/slack/T000/B000/XXXX";
  private static final String HOOK = "/hooks/golive";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private AlertmanagerServer alertmanager;
  private WireMockServer receivers;
  private ErrorRateTarget target;
  private Daemon daemon;

  @BeforeEach
  void start() throws Exception {
    alertmanager = AlertmanagerServer.start();
    receivers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    receivers.start();
    receivers.stubFor(post(urlPathEqualTo(PD)).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
    receivers.stubFor(post(urlPathEqualTo(SLACK)).willReturn(aResponse().withStatus(200).withBody("ok")));
    receivers.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(503))); // down for now
    target = new ErrorRateTarget();
    Secrets secrets = Secrets.of(Map.of("TARGET_URL", target.url(), "AM_URL", alertmanager.url(),
        "RECEIVERS_URL", "http://127.0.0.1:" + receivers.port(), "PD_ROUTING_KEY", PD_KEY, "HOOK_SECRET", HOOK_SECRET));
    List<PlanConfig> plans = PlanLoader.loadAll(List.of(Path.of("src/test/resources/RollbackAlertsIT/shop")), secrets);
    daemon = Daemon.start(plans, DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("state"), TOKEN), secrets);
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) daemon.close();
    if (target != null) target.close();
    if (receivers != null) receivers.stop();
    if (alertmanager != null) alertmanager.close();
  }

  @Test
  void aTriggerFiresAfterExactlyForBreaches_pagesEveryReceiverOnce_andResolves() throws Exception {
    PlanRuntime runtime = daemon.runtimes().get("shop");
    // the scheduler's own first run (within 5s of start); after it, the next one is an hour away
    eventually(() -> assertThat(runtime.lastResults()).containsKey("errors"));
    HttpResponse<String> marked = send(HttpRequest.newBuilder(api("/deployments"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"1.4.3\", \"note\": \"CHG-1\"}")));
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
    String deployment = new JsonObject(marked.body()).getString("id");
    String dedupKey = "golive/shop/" + deployment + "/error-rate";

    target.errors(0.2);
    run(runtime);
    run(runtime);
    JsonObject pending = trigger();
    assertThat(pending.getString("state")).isEqualTo("pending");
    assertThat(pending.getInteger("consecutive")).isEqualTo(2);
    assertThat(daemon.registry().scrape()).contains("golive_trigger_firing{plan=\"shop\",severity=\"critical\","
        + "trigger=\"error-rate\"} 0.0");
    assertThat(receivers.getAllServeEvents()).as("nothing paged after 2 of 3 breaches").isEmpty();
    assertThat(alertmanager.active("shop")).isEmpty();

    run(runtime);
    JsonObject firing = trigger();
    assertThat(firing.getString("state")).isEqualTo("firing");
    assertThat(firing.getInteger("consecutive")).isEqualTo(3);
    assertThat(firing.getString("observed")).contains("0.2");
    eventually(() -> assertThat(evidence(deployment)).extracting(c -> c.getString("to") + "/" + c.getInteger(
        "consecutive")).containsExactly("pending/1", "pending/2", "firing/3"));

    // Alertmanager lists exactly one alert, with the stable labels and the numbers
    eventually(() -> assertThat(alertmanager.active("shop")).hasSize(1));
    JsonNode am = alertmanager.active("shop").get(0);
    assertThat(am.path("labels").path("alertname").asText()).isEqualTo("GoliveRollbackTriggerFiring");
    assertThat(am.path("labels").path("plan").asText()).isEqualTo("shop");
    assertThat(am.path("annotations").path("deployment").asText()).isEqualTo(deployment);
    assertThat(am.path("annotations").path("window").asText()).isEqualTo("first-30m");
    assertThat(am.path("labels").path("trigger").asText()).isEqualTo("error-rate");
    assertThat(am.path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(am.path("annotations").path("observed").asText()).isEqualTo("0.2");
    assertThat(am.path("annotations").path("threshold").asText()).isEqualTo("[VALUE] > 0.05");
    assertThat(am.path("annotations").path("version").asText()).isEqualTo("1.4.3");
    assertThat(am.path("annotations").path("evidence").asText())
        .endsWith("/api/plans/shop/deployments/" + deployment + "/triggers/error-rate");

    // PagerDuty: one trigger event with the deterministic dedup key; Slack: one message
    eventually(() -> assertThat(pagerDuty("trigger")).hasSize(1));
    JsonObject pd = new JsonObject(pagerDuty("trigger").get(0).getBodyAsString());
    assertThat(pd.getString("dedup_key")).isEqualTo(dedupKey);
    assertThat(pd.getString("routing_key")).isEqualTo(PD_KEY);
    assertThat(pd.getJsonObject("payload").getJsonObject("custom_details").getString("observed")).isEqualTo("0.2");
    eventually(() -> assertThat(slack()).hasSize(1));
    assertThat(slack().get(0).getBodyAsString()).contains("[FIRING]").contains("error-rate");

    // the webhook is down for a while (two refused attempts, back-off in between): retried, nothing lost
    eventually(() -> assertThat(hookEvents(503)).hasSizeGreaterThanOrEqualTo(2));
    assertThat(hookEvents(200)).isEmpty();

    // still breaching, evaluated again and again: the same incident, not a new page
    String updated = am.path("updatedAt").asText();
    for (int i = 0; i < 5; i++) run(runtime);
    assertThat(trigger().getString("state")).isEqualTo("firing");
    eventually(() -> assertThat(alertmanager.active("shop")).singleElement()
        .satisfies(a -> assertThat(a.path("updatedAt").asText()).isNotEqualTo(updated)));

    // the webhook comes back: the firing alert arrives exactly once, signed
    receivers.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200)));
    eventually(() -> assertThat(hookEvents(200)).hasSize(1));
    LoggedRequest hook = hookEvents(200).get(0).getRequest();
    JsonObject hookBody = new JsonObject(hook.getBodyAsString());
    assertThat(hookBody.getString("status")).isEqualTo("firing");
    assertThat(hookBody.getString("dedupKey")).isEqualTo(dedupKey);
    assertThat(hookBody.getString("observed")).isEqualTo("0.2");
    assertThat(hook.getHeader("X-Golive-Signature")).isEqualTo("sha256=" + hmac(hook.getBody()));
    for (int i = 0; i < 3; i++) run(runtime);
    assertThat(pagerDuty("trigger")).hasSize(1);
    assertThat(slack()).hasSize(1);

    // recovery: the trigger resolves and every receiver hears it once
    target.errors(0.0);
    run(runtime);
    assertThat(trigger().getString("state")).isEqualTo("ok");
    eventually(() -> assertThat(pagerDuty("resolve")).hasSize(1));
    assertThat(new JsonObject(pagerDuty("resolve").get(0).getBodyAsString()).getString("dedup_key"))
        .isEqualTo(dedupKey);
    eventually(() -> assertThat(slack()).hasSize(2));
    assertThat(slack().get(1).getBodyAsString()).contains("RESOLVED");
    eventually(() -> assertThat(hookEvents(200)).hasSize(2));
    assertThat(new JsonObject(hookEvents(200).get(1).getRequest().getBodyAsString()).getString("status"))
        .isEqualTo("resolved");
    eventually(() -> assertThat(alertmanager.active("shop")).isEmpty());
    eventually(() -> assertThat(daemon.registry().scrape()).contains("golive_outbox_pending{receiver=\"webhook\"} 0.0")
        .contains("golive_outbox_pending{receiver=\"pagerduty\"} 0.0"));
    assertThat(pagerDuty("trigger")).as("one incident").hasSize(1);
    assertThat(hookEvents(200)).extracting(e -> new JsonObject(e.getRequest().getBodyAsString()).getString("status"))
        .containsExactly("firing", "resolved");
    assertThat(evidence(deployment)).extracting(c -> c.getString("to")).last().isEqualTo("ok");

    // secrets stay out of the API and the metrics
    String shown = trigger().encode() + evidence(deployment) + daemon.registry().scrape()
        + send(HttpRequest.newBuilder(api("/deployments/current"))).body();
    assertThat(shown).doesNotContain(PD_KEY).doesNotContain(HOOK_SECRET);
  }

  /** Runs the probe as the scheduler does and waits for its result. */
  private static void run(PlanRuntime runtime) throws Exception {
    Promise<ProbeResult> done = Promise.promise();
    runtime.context().runOnContext(v -> runtime.run("errors").onComplete(done));
    done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private URI api(String path) {
    return URI.create("http://127.0.0.1:" + daemon.port() + "/api/plans/shop" + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The trigger as {@code GET /deployments/current} shows it. */
  private JsonObject trigger() {
    HttpResponse<String> r = send(HttpRequest.newBuilder(api("/deployments/current")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray triggers = new JsonObject(r.body()).getJsonArray("triggers");
    return triggers.getJsonObject(0);
  }

  /** The trigger's stored changes, oldest first. */
  private List<JsonObject> evidence(String deployment) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(api("/deployments/" + deployment + "/triggers/error-rate")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<JsonObject> changes = new java.util.ArrayList<>();
    new JsonObject(r.body()).getJsonArray("changes").forEach(c -> changes.add(0, (JsonObject) c));
    return changes;
  }

  private List<LoggedRequest> pagerDuty(String action) {
    return receivers.findAll(postRequestedFor(urlPathEqualTo(PD))
        .withRequestBody(matchingJsonPath("$.event_action", equalTo(action))));
  }

  private List<LoggedRequest> slack() {
    return receivers.findAll(postRequestedFor(urlPathEqualTo(SLACK)));
  }

  /** Webhook requests answered with {@code status}, oldest first. */
  private List<ServeEvent> hookEvents(int status) {
    return receivers.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(HOOK) && e.getResponse().getStatus() == status)
        .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .toList();
  }

  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
