package dev.golive.probe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.WireTesting;
import io.vertx.core.json.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookProbeKindTest {
  private static final WebhookProbeKind KIND = new WebhookProbeKind();
  private static final Map<String, String> ENV = Map.of("TOKEN", "tok-123", "SECRET", "sec-456");

  private static WireTesting.Parsed<WebhookSpec> parse(String yaml) {
    return WireTesting.parse(KIND, yaml, ENV);
  }

  @Test
  void isRegistered() {
    assertThat(ProbeKinds.byName("webhook")).containsInstanceOf(WebhookProbeKind.class);
  }

  @Test
  void metaWithBothHalvesChecksEveryHalf() {
    var p = parse("""
        webhook: { scheme: meta, url: "https://x.example/hook", verify-token: "${env:TOKEN}",
                   app-secret: "${env:SECRET}" }
        """);
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().verifyToken()).isEqualTo("tok-123");
    assertThat(p.spec().secret()).isEqualTo("sec-456");
    assertThat(KIND.defaultConditions(p.spec())).containsExactly("[HANDSHAKE] == true",
        "[WRONG_TOKEN_REFUSED] == true", "[GENUINE_ACCEPTED] == true", "[UNSIGNED_REFUSED] == true",
        "[FORGED_REFUSED] == true", "[TAMPERED_REFUSED] == true");
  }

  @Test
  void genericHmacSignsTheConfiguredContentWithTheTimestamp() {
    var p = parse("""
        webhook: { scheme: hmac, url: "https://x.example/h", signing-secret: k3y, header: X-Sig, prefix: "v1=",
                   timestamp-header: X-Ts, signed-content: "{timestamp}:{body}", tolerance: 2m }
        """);
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().timestamped()).isTrue();
    assertThat(KIND.defaultConditions(p.spec())).contains("[REPLAY_REFUSED] == true");
    assertThat(Signer.headers(p.spec(), "{\"a\":1}", 1_700_000_000L)).containsEntry("X-Ts", "1700000000")
        .containsEntry("X-Sig", "v1=" + Signer.hex(WebhookTargets.hmac("HmacSHA256", "k3y", "1700000000:{\"a\":1}")));
    var plain = parse("webhook: { scheme: hmac, url: \"https://x.example/h\", signing-secret: k3y, header: X-Sig }");
    assertThat(plain.spec().timestamped()).isFalse();
    assertThat(KIND.defaultConditions(plain.spec())).doesNotContain("[REPLAY_REFUSED] == true");
  }

  @Test
  void timestampedSchemesAlsoCheckReplays() {
    var stripe = parse("webhook: { scheme: stripe, url: \"https://x.example/s\", signing-secret: whsec_abc }");
    assertThat(stripe.problems()).isEmpty();
    assertThat(stripe.spec().tolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(KIND.defaultConditions(stripe.spec())).containsExactly("[GENUINE_ACCEPTED] == true",
        "[UNSIGNED_REFUSED] == true", "[FORGED_REFUSED] == true", "[TAMPERED_REFUSED] == true",
        "[REPLAY_REFUSED] == true");
    var slack = parse("webhook: { scheme: slack, url: \"https://x.example/s\", signing-secret: abc, tolerance: 2m }");
    assertThat(slack.spec().tolerance()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void literalSecretsAreRegisteredForRedaction() {
    Secrets secrets = Secrets.of(Map.of());
    WireTesting.parse(KIND, "webhook: { scheme: github, url: \"https://x.example/g\", app-secret: literal-secret }",
        secrets);
    assertThat(secrets.redact("saw literal-secret")).isEqualTo("saw ****");
  }

  @Test
  void reportsMistakesWithLocations() {
    assertThat(parse("webhook: { scheme: meta, url: \"https://x.example/h\" }").problems())
        .singleElement().asString().startsWith("golive.yaml:1:10: webhook: the meta scheme needs verify-token");
    assertThat(parse("webhook: { scheme: stripe, url: \"https://x.example/h\" }").problems())
        .singleElement().asString().contains("missing required key 'webhook.signing-secret'");
    assertThat(parse("webhook: { scheme: github, url: \"https://x.example/h\", verify-token: t, app-secret: s }")
        .problems()).singleElement().asString().contains("only the meta scheme has a verification handshake");
    assertThat(parse("webhook: { scheme: github, url: \"https://x.example/h\", app-secret: s, tolerance: 1m }")
        .problems()).singleElement().asString().contains("webhook.tolerance: is only used by scheme hmac and slack and stripe");
    assertThat(parse("webhook: { scheme: hmac, url: \"https://x.example/h\", signing-secret: s, header: X-S, tolerance: 1m }")
        .problems()).singleElement().asString().contains("webhook.tolerance: only applies with 'timestamp-header'");
    assertThat(parse("webhook: { scheme: hmac, url: \"https://x.example/h\", signing-secret: s, header: X-S, "
        + "timestamp-header: X-T, signed-content: \"{body}\" }").problems()).singleElement().asString()
        .contains("the timestamp must be signed");
    assertThat(parse("webhook: { scheme: hmac, url: \"https://x.example/h\", signing-secret: s, header: X-S, "
        + "signed-content: \"{timestamp}\" }").problems()).singleElement().asString().contains("must contain {body}");
    assertThat(parse("webhook: { scheme: github, url: \"https://x.example/h\", app-secret: s, timestamp-header: X-T }")
        .problems()).singleElement().asString().contains("is only used by scheme hmac, not github");
    assertThat(parse("webhook: { scheme: hmac, url: \"https://x.example/h\", signing-secret: s }").problems())
        .singleElement().asString().contains("missing required key 'webhook.header'");
    assertThat(parse("webhook: { scheme: twilio, url: \"ftp://x\", signing-secret: s }").problems())
        .anyMatch(m -> m.contains("expected one of meta, github, stripe, slack, hmac, got 'twilio'"))
        .anyMatch(m -> m.contains("expected an absolute http:// or https:// URL"));
    assertThat(parse("webhook: { scheme: github, url: \"https://x.example/h\", app-secret: s, payload: \"{oops\" }")
        .problems()).singleElement().asString().contains("webhook.payload: is not JSON text");
    assertThat(parse("webhook: { scheme: slack, url: \"https://x.example/h\", signing-secret: \"${env:NOPE}\" }")
        .problems()).singleElement().asString().contains("environment variable NOPE is not set");
    assertThat(parse("webhook: { scheme: github, url: \"https://x.example/h\", app-secret: s, secret: x }")
        .problems()).singleElement().asString().contains("unknown key 'secret'");
  }

  @Test
  void signaturesMatchTheProvidersPublishedExamples() {
    // GitHub's documentation: "It's a Secret to Everybody" / "Hello, World!"
    var github = spec(WebhookSpec.Scheme.GITHUB, "It's a Secret to Everybody");
    assertThat(Signer.headers(github, "Hello, World!", 0)).containsEntry("X-Hub-Signature-256",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    var stripe = spec(WebhookSpec.Scheme.STRIPE, "whsec_test");
    String expected = Signer.hex(WebhookTargets.hmac("HmacSHA256", "whsec_test", "1700000000.{}"));
    assertThat(Signer.headers(stripe, "{}", 1_700_000_000L)).containsEntry("Stripe-Signature",
        "t=1700000000,v1=" + expected);
    var slack = spec(WebhookSpec.Scheme.SLACK, "8f742231b10e8888abcd99yyyzzz85a5");
    assertThat(Signer.headers(slack, "a=b", 1531420618L)).containsEntry("X-Slack-Request-Timestamp", "1531420618")
        .containsEntry("X-Slack-Signature", "v0=" + Signer.hex(WebhookTargets.hmac("HmacSHA256",
            "8f742231b10e8888abcd99yyyzzz85a5", "v0:1531420618:a=b")));
  }

  private static WebhookSpec spec(WebhookSpec.Scheme scheme, String secret) {
    return new WebhookSpec(scheme, "https://x.example", null, secret, "{}", Map.of(), null, "sha256", "hex", "",
        Duration.ofMinutes(5), java.util.Set.of(), null, "{body}", dev.golive.probe.tls.TlsSettings.DEFAULT);
  }

  @Test
  void tamperedPayloadStaysJsonButDiffers() {
    for (var scheme : WebhookSpec.Scheme.values()) {
      String payload = WebhookPayloads.of(scheme);
      Json.decodeValue(payload);
      String tampered = WebhookObserver.tamper(payload);
      assertThat(tampered).isNotEqualTo(payload);
      Json.decodeValue(tampered);
    }
    assertThat(WebhookObserver.tamper("{}")).isEqualTo("{\"golive_tampered\":true}");
  }

  @Test
  void metaSignsOnlyWithTheHeaderMetaDocumentsGithubAlsoWithTheLegacyOne() {
    assertThat(Signer.headers(spec(WebhookSpec.Scheme.META, "s"), "{}", 0)).containsOnlyKeys("X-Hub-Signature-256");
    assertThat(Signer.headers(spec(WebhookSpec.Scheme.GITHUB, "s"), "{}", 0))
        .containsOnlyKeys("X-Hub-Signature-256", "X-Hub-Signature");
  }

  @Test
  void defaultPayloadsAreTheProvidersRealShapesNotEmptyShells() {
    var meta = Json.decodeValue(WebhookPayloads.of(WebhookSpec.Scheme.META), io.vertx.core.json.JsonObject.class);
    assertThat(meta.getString("object")).isEqualTo("whatsapp_business_account");
    var change = meta.getJsonArray("entry").getJsonObject(0).getJsonArray("changes").getJsonObject(0);
    assertThat(change.getString("field")).isEqualTo("messages");
    var value = change.getJsonObject("value");
    assertThat(value.getString("messaging_product")).isEqualTo("whatsapp");
    assertThat(value.getJsonObject("metadata").fieldNames()).contains("display_phone_number", "phone_number_id");
    assertThat(value.getJsonArray("contacts")).hasSize(1);
    assertThat(value.getJsonArray("messages").getJsonObject(0).getString("type")).isEqualTo("text");
    var ping = Json.decodeValue(WebhookPayloads.of(WebhookSpec.Scheme.GITHUB), io.vertx.core.json.JsonObject.class);
    assertThat(ping.fieldNames()).contains("zen", "hook_id", "hook", "repository", "sender");
    var event = Json.decodeValue(WebhookPayloads.of(WebhookSpec.Scheme.STRIPE), io.vertx.core.json.JsonObject.class);
    assertThat(event.getString("object")).isEqualTo("event");
    assertThat(event.getBoolean("livemode")).isFalse();
    assertThat(event.getJsonObject("data").getJsonObject("object").getString("object")).isEqualTo("payment_intent");
  }
}
