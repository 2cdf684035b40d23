package dev.golive.probe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.checklist.ChecklistItem;
import dev.golive.condition.ConditionResult;
import dev.golive.condition.ConditionResult.Outcome;
import dev.golive.plans.PlanHarness;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.WireTesting;
import dev.golive.verdict.ItemState;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signature claim tested the way an attacker would, end to end: a checklist whose items are all declared
 * {@code [x]}, a plan written with the default conditions, and loopback peers that each get one thing wrong. Every
 * wrong peer's item is contradicted on the placeholder of its flaw, with an explanation naming the claim; the right
 * peers are done.
 */
class WebhookClaimsTest {
  private static final Path PLAN = Path.of("src/test/resources/WebhookClaimsTest");
  private static Vertx vertx;
  private static WebhookTargets targets;
  private static PlanHarness plan;
  private static PlanHarness.Result result;

  @BeforeAll
  static void run() throws Exception {
    vertx = Vertx.vertx();
    targets = new WebhookTargets();
    int port = WireTesting.serve(vertx, targets.router(vertx));
    plan = PlanHarness.load(PLAN, Map.of("BASE", "http://127.0.0.1:" + port, "TOKEN", WebhookTargets.TOKEN,
        "SECRET", WebhookTargets.SECRET));
    result = plan.check();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void rightPeersAreDoneWithTheDefaultConditions() {
    for (String probe : List.of("meta-right", "meta-crash-default", "stripe-right", "github-right")) {
      assertThat(result.state(item(probe))).as(probe + ": " + result.explanation(item(probe)))
          .isEqualTo(ItemState.DONE);
      assertThat(result.result(probe).conditions()).as(probe).allMatch(ConditionResult::passed);
    }
    assertThat(result.result("meta-right").conditions()).extracting(ConditionResult::condition).containsExactly(
        "[HANDSHAKE] == true", "[WRONG_TOKEN_REFUSED] == true", "[GENUINE_ACCEPTED] == true",
        "[UNSIGNED_REFUSED] == true", "[FORGED_REFUSED] == true", "[TAMPERED_REFUSED] == true");
    assertThat(result.result("stripe-right").conditions()).extracting(ConditionResult::condition)
        .contains("[REPLAY_REFUSED] == true");
  }

  @Test
  void peerThatAcceptsUnsignedDeliveriesIsContradictedOnUnsigned() {
    for (String probe : List.of("meta-unsigned", "github-unsigned")) {
      assertContradictedOn(probe, List.of("UNSIGNED_REFUSED"), "an unsigned delivery (no X-Hub-Signature-256",
          "got 200: the endpoint accepts deliveries nobody signed");
    }
  }

  @Test
  void peerThatAcceptsAnySignatureIsContradictedOnForged() {
    // a wrong secret and a signature over another body are both "any signature"
    assertContradictedOn("meta-any-signature", List.of("FORGED_REFUSED", "TAMPERED_REFUSED"),
        "a delivery signed with a wrong secret got 200: the endpoint accepts any signature");
  }

  @Test
  void peerThatAcceptsTamperedBodiesIsContradictedOnTampered() {
    assertContradictedOn("meta-tampered", List.of("TAMPERED_REFUSED"),
        "a delivery whose body was changed after it was signed got 200");
  }

  @Test
  void peerThatAcceptsReplaysIsContradictedOnReplay() {
    assertContradictedOn("stripe-replay", List.of("REPLAY_REFUSED"),
        "a correctly signed delivery with a timestamp 6m old (tolerance 5m) got 200",
        "the endpoint accepts replayed deliveries");
  }

  @Test
  void endpointThatFailsOnAnEmptyPayloadIsNotBlamedOnTheSignatureClaim() {
    String item = item("meta-crash-empty");
    ProbeResult r = result.result("meta-crash-empty");
    assertThat(result.state(item)).isEqualTo(ItemState.CONTRADICTED);
    assertThat(r.summary()).isEqualTo("[GENUINE_ACCEPTED] (false) == true: the genuine signed delivery got 500: "
        + "the endpoint failed before the signature claim could be judged");
    assertThat(r.conditions()).filteredOn(c -> c.outcome() == Outcome.FAILED).extracting(ConditionResult::condition)
        .containsExactly("[GENUINE_ACCEPTED] == true");
    assertThat(r.conditions()).filteredOn(c -> !c.condition().contains("GENUINE")).allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.NO_DATA);
      assertThat(c.explanation()).endsWith("not judged: the genuine signed delivery got 500, so a refusal would "
          + "prove nothing");
    });
    // the same endpoint with golive's default payload (a real messages change) is done: see rightPeersAreDone...
    assertThat(r.observed()).containsEntry("GENUINE_STATUS", 500).doesNotContainKey("UNSIGNED_STATUS");
  }

  @Test
  void everyDeliveryCarriesOnlyTheDocumentedHeaders() {
    assertThat(targets.posted).isNotEmpty().allSatisfy(h -> {
      assertThat(h.contains("X-Hub-Signature") && !h.get("X-Hub-Signature").startsWith("sha1=")).isFalse();
    });
    assertThat(targets.posted).anySatisfy(h -> assertThat(h.names()).contains("X-GitHub-Event", "X-GitHub-Delivery",
        "X-GitHub-Hook-ID", "X-Hub-Signature", "X-Hub-Signature-256"));
    // nothing beyond the headers the README lists (transport headers aside)
    java.util.Set<String> documented = java.util.Set.of("content-type", "user-agent", "x-github-event",
        "x-github-delivery", "x-github-hook-id", "x-hub-signature", "x-hub-signature-256", "stripe-signature",
        "host", "content-length");
    assertThat(targets.posted).allSatisfy(h -> assertThat(h.names()).allSatisfy(n -> assertThat(n.toLowerCase())
        .isIn(documented)));
    assertThat(targets.posted).allSatisfy(h -> assertThat(h.get("User-Agent")).isEqualTo("golive"));
    // meta deliveries: X-Hub-Signature-256 only (Meta no longer documents the SHA-1 header)
    assertThat(targets.posted).filteredOn(h -> !h.contains("X-GitHub-Event") && h.contains("X-Hub-Signature-256"))
        .isNotEmpty().allSatisfy(h -> assertThat(h.contains("X-Hub-Signature")).isFalse());
  }

  @Test
  void secretsStayOutOfTheEvidence() {
    assertThat(result.evidenceText()).doesNotContain(WebhookTargets.SECRET, WebhookTargets.TOKEN);
  }

  private static void assertContradictedOn(String probe, List<String> placeholders, String... explanation) {
    String item = item(probe);
    ProbeResult r = result.result(probe);
    assertThat(result.state(item)).as(probe).isEqualTo(ItemState.CONTRADICTED);
    assertThat(r.conditions()).as(probe).filteredOn(c -> !c.passed()).extracting(ConditionResult::condition)
        .containsExactlyElementsOf(placeholders.stream().map(p -> "[" + p + "] == true").toList());
    assertThat(r.summary()).as(probe).startsWith("[" + placeholders.get(0) + "] (false) == true: ")
        .contains(explanation);
  }

  /** The item the probe ticks. */
  private static String item(String probe) {
    List<String> ticks = plan.plan().probe(probe).orElseThrow().ticks();
    assertThat(ticks).hasSize(1);
    String id = ticks.get(0);
    assertThat(plan.plan().checklist().items()).filteredOn(i -> i.id().equals(id)).singleElement()
        .extracting(ChecklistItem::declared).asString().isEqualTo("CHECKED");
    return id;
  }
}
