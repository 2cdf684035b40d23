package dev.golive.probe.webhook;

import static dev.golive.probe.WireTesting.failure;
import static dev.golive.probe.WireTesting.observe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.Probes;
import dev.golive.probe.WireTesting;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookObserverTest {
  private static final Map<String, String> ENV = Map.of("TOKEN", WebhookTargets.TOKEN, "SECRET",
      WebhookTargets.SECRET);
  private static final WebhookProbeKind KIND = new WebhookProbeKind();
  private static Vertx vertx;
  private static WebhookTargets targets;
  private static Secrets secrets;
  private static ProbeEnvironment env;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    targets = new WebhookTargets();
    port = WireTesting.serve(vertx, targets.router(vertx));
    secrets = Secrets.of(ENV);
    env = WireTesting.environment(vertx, secrets);
  }

  @AfterAll
  static void stop() {
    env.close();
    vertx.close();
  }

  private Observation check(String yaml) throws Exception {
    return observe(vertx, observer(yaml));
  }

  private WebhookObserver observer(String yaml) {
    var parsed = WireTesting.parse(KIND, yaml.replace("PORT", Integer.toString(port)), secrets);
    assertThat(parsed.problems()).isEmpty();
    return (WebhookObserver) KIND.observer(parsed.spec(), env, WireTesting.GENEROUS);
  }

  @Test
  void metaEndpointThatChecksTokenAndSignaturePassesEveryHalf() throws Exception {
    Observation o = check("""
        webhook: { scheme: meta, url: "http://127.0.0.1:PORT/meta",
                   verify-token: "${env:TOKEN}", app-secret: "${env:SECRET}" }
        """);
    assertThat(o.values()).containsEntry("HANDSHAKE", true).containsEntry("HANDSHAKE_STATUS", 200)
        .containsEntry("WRONG_TOKEN_REFUSED", true).containsEntry("WRONG_TOKEN_STATUS", 403)
        .containsEntry("GENUINE_ACCEPTED", true).containsEntry("GENUINE_STATUS", 200)
        .containsEntry("FORGED_REFUSED", true).containsEntry("FORGED_STATUS", 401)
        .containsEntry("UNSIGNED_REFUSED", true).containsEntry("TAMPERED_REFUSED", true)
        .doesNotContainKeys("STALE_REFUSED", "REPLAY_REFUSED");
    assertThat(o.get("RESPONSE_TIME")).containsInstanceOf(Duration.class);
  }

  @Test
  void endpointThatAcceptsAnythingFailsTheRefusalHalves() throws Exception {
    Observation o = check("""
        webhook: { scheme: meta, url: "http://127.0.0.1:PORT/lax",
                   verify-token: "${env:TOKEN}", app-secret: "${env:SECRET}" }
        """);
    assertThat(o.values()).containsEntry("HANDSHAKE", true).containsEntry("WRONG_TOKEN_REFUSED", false)
        .containsEntry("GENUINE_ACCEPTED", true).containsEntry("FORGED_REFUSED", false)
        .containsEntry("FORGED_STATUS", 200);
  }

  @Test
  void endpointThatEchoesTheChallengeForAnyTokenIsCaught() throws Exception {
    Observation o = check("""
        webhook: { scheme: meta, url: "http://127.0.0.1:PORT/echo-any",
                   verify-token: "${env:TOKEN}", app-secret: "${env:SECRET}" }
        """);
    assertThat(o.values()).containsEntry("HANDSHAKE", true).containsEntry("WRONG_TOKEN_REFUSED", false)
        .containsEntry("WRONG_TOKEN_STATUS", 200).containsEntry("FORGED_REFUSED", true);
  }

  @Test
  void wrongTokenConfiguredFailsTheHandshake() throws Exception {
    Observation o = check("""
        webhook: { scheme: meta, url: "http://127.0.0.1:PORT/meta", verify-token: "not-the-token" }
        """);
    assertThat(o.values()).containsEntry("HANDSHAKE", false).containsEntry("HANDSHAKE_STATUS", 403)
        .doesNotContainKey("GENUINE_ACCEPTED");
  }

  @Test
  void githubDeliveryIsSignedAsGithubDoes() throws Exception {
    Observation good = check("""
        webhook: { scheme: github, url: "http://127.0.0.1:PORT/github", app-secret: "${env:SECRET}" }
        """);
    assertThat(good.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("FORGED_REFUSED", true)
        .doesNotContainKeys("HANDSHAKE", "STALE_REFUSED");
    Observation wrongSecret = check("""
        webhook: { scheme: github, url: "http://127.0.0.1:PORT/github", app-secret: "another-secret" }
        """);
    assertThat(wrongSecret.values()).containsEntry("GENUINE_ACCEPTED", false).containsEntry("GENUINE_STATUS", 401)
        .doesNotContainKeys("UNSIGNED_REFUSED", "FORGED_REFUSED", "TAMPERED_REFUSED"); // a refusal proves nothing
    assertThat(wrongSecret.reason("GENUINE_ACCEPTED")).hasValueSatisfying(r -> assertThat(r)
        .contains("got 401: the endpoint refused a correctly signed delivery"));
  }

  @Test
  void stripeRefusesStaleDeliveriesOnlyWhenItChecksTheTimestamp() throws Exception {
    Observation good = check("""
        webhook: { scheme: stripe, url: "http://127.0.0.1:PORT/stripe", signing-secret: "${env:SECRET}" }
        """);
    assertThat(good.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("FORGED_REFUSED", true)
        .containsEntry("REPLAY_REFUSED", true).containsEntry("REPLAY_STATUS", 401)
        .containsEntry("STALE_REFUSED", true).containsEntry("STALE_STATUS", 401);
    Observation noTolerance = check("""
        webhook: { scheme: stripe, url: "http://127.0.0.1:PORT/stripe-no-tolerance", signing-secret: "${env:SECRET}" }
        """);
    assertThat(noTolerance.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("FORGED_REFUSED", true)
        .containsEntry("STALE_REFUSED", false).containsEntry("STALE_STATUS", 200);
  }

  @Test
  void slackSignsTimestampAndBody() throws Exception {
    Observation o = check("""
        webhook: { scheme: slack, url: "http://127.0.0.1:PORT/slack", signing-secret: "${env:SECRET}" }
        """);
    assertThat(o.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("FORGED_REFUSED", true)
        .containsEntry("STALE_REFUSED", true);
    Observation lax = check("""
        webhook: { scheme: slack, url: "http://127.0.0.1:PORT/lax", signing-secret: "${env:SECRET}" }
        """);
    assertThat(lax.values()).containsEntry("STALE_REFUSED", false).containsEntry("FORGED_REFUSED", false);
  }

  @Test
  void genericHmacHonoursHeaderAlgorithmEncodingAndPrefix() throws Exception {
    Observation o = check("""
        webhook: { scheme: hmac, url: "http://127.0.0.1:PORT/hmac", signing-secret: "${env:SECRET}",
                   header: X-Signature, algorithm: sha512, encoding: base64, prefix: "sha512=",
                   payload: '{"order": 42}' }
        """);
    assertThat(o.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("FORGED_REFUSED", true);
    Observation hex = check("""
        webhook: { scheme: hmac, url: "http://127.0.0.1:PORT/hmac", signing-secret: "${env:SECRET}",
                   header: X-Signature, algorithm: sha512, prefix: "sha512=" }
        """);
    assertThat(hex.values()).containsEntry("GENUINE_ACCEPTED", false);
  }

  @Test
  void genericHmacWithATimestampHeaderIsCheckedForReplays() throws Exception {
    String yaml = """
        webhook: { scheme: hmac, url: "http://127.0.0.1:PORT/PATH", signing-secret: "${env:SECRET}",
                   header: X-Webhook-Signature, prefix: "v1=", timestamp-header: X-Webhook-Timestamp }
        """;
    Observation good = check(yaml.replace("PATH", "hmac-ts"));
    assertThat(good.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("UNSIGNED_REFUSED", true)
        .containsEntry("FORGED_REFUSED", true).containsEntry("TAMPERED_REFUSED", true)
        .containsEntry("REPLAY_REFUSED", true);
    Observation noAge = check(yaml.replace("PATH", "hmac-ts-no-age"));
    assertThat(noAge.values()).containsEntry("GENUINE_ACCEPTED", true).containsEntry("TAMPERED_REFUSED", true)
        .containsEntry("REPLAY_REFUSED", false);
    assertThat(noAge.reason("REPLAY_REFUSED")).hasValueSatisfying(r -> assertThat(r)
        .contains("tolerance 5m", "accepts replayed deliveries"));
    // without the timestamp header the same endpoint refuses even the genuine delivery: nothing else is judged
    Observation unstamped = check("""
        webhook: { scheme: hmac, url: "http://127.0.0.1:PORT/hmac-ts", signing-secret: "${env:SECRET}",
                   header: X-Webhook-Signature, prefix: "v1=" }
        """);
    assertThat(unstamped.values()).containsEntry("GENUINE_ACCEPTED", false).doesNotContainKey("REPLAY_REFUSED");
  }

  @Test
  void acceptStatusNarrowsWhatCountsAsAccepted() throws Exception {
    Observation o = check("""
        webhook: { scheme: github, url: "http://127.0.0.1:PORT/github", app-secret: "${env:SECRET}",
                   accept-status: [202, 204] }
        """);
    assertThat(o.values()).containsEntry("GENUINE_STATUS", 200).containsEntry("GENUINE_ACCEPTED", false);
  }

  @Test
  void secretsNeverReachEvidenceOrErrors() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    var parsed = WireTesting.parse(KIND, """
        webhook: { scheme: meta, url: "http://127.0.0.1:%d/meta?x=1",
                   verify-token: "${env:TOKEN}", app-secret: "${env:SECRET}" }
        """.formatted(closed), secrets);
    WebhookObserver observer = (WebhookObserver) KIND.observer(parsed.spec(), env, WireTesting.GENEROUS);
    String error = failure(vertx, observer);
    assertThat(error).contains("webhook handshake", "/meta").doesNotContain(WebhookTargets.TOKEN, "hub.verify_token");

    var ok = WireTesting.parse(KIND, """
        webhook: { scheme: meta, url: "http://127.0.0.1:%d/meta",
                   verify-token: "${env:TOKEN}", app-secret: "${env:SECRET}" }
        """.formatted(port), secrets);
    ProbeResult result = WireTesting.run(vertx, Probes.of("meta", "webhook", KIND.observer(ok.spec(), env,
        WireTesting.GENEROUS), List.of(), Duration.ofMinutes(1), WireTesting.GENEROUS, env));
    assertThat(result.error()).isNull();
    assertThat(result.observed().toString()).doesNotContain(WebhookTargets.TOKEN, WebhookTargets.SECRET);
    assertThat(targets.requests).anyMatch(r -> r.contains("hub.verify_token=" + WebhookTargets.TOKEN));
  }

  @Test
  void unansweredRequestFailsWithinTheTimeout() throws Exception {
    var silent = vertx.createHttpServer().requestHandler(req -> { }).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
    var parsed = WireTesting.parse(KIND, """
        webhook: { scheme: github, url: "http://127.0.0.1:%d/hook", app-secret: "${env:SECRET}" }
        """.formatted(silent.actualPort()), secrets);
    long t0 = System.nanoTime();
    String error = failure(vertx, KIND.observer(parsed.spec(), env, Duration.ofMillis(700)));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(error).contains("genuine delivery");
  }

  @Test
  void defaultConditionsPassTheCorrectEndpointAndExplainTheBrokenOne() throws Exception {
    String yaml = """
        webhook: { scheme: stripe, url: "http://127.0.0.1:PORT/PATH", signing-secret: "${env:SECRET}" }
        """.replace("PORT", Integer.toString(port));
    var good = WireTesting.parse(KIND, yaml.replace("PATH", "stripe"), secrets);
    ProbeResult passed = WireTesting.runWithDefaults(vertx, KIND, good.spec(), env, WireTesting.GENEROUS);
    assertThat(passed.success()).as(passed.summary()).isTrue();
    assertThat(passed.conditions()).hasSize(5);
    var stale = WireTesting.parse(KIND, yaml.replace("PATH", "stripe-no-tolerance"), secrets);
    ProbeResult failed = WireTesting.runWithDefaults(vertx, KIND, stale.spec(), env, WireTesting.GENEROUS);
    assertThat(failed.success()).isFalse();
    assertThat(failed.summary()).contains("[REPLAY_REFUSED]", "false", "accepts replayed deliveries");
    assertThat(failed.observed().toString()).doesNotContain(WebhookTargets.SECRET);
  }
}
