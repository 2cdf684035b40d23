package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Secrets#withoutSecrets()}: secret references are skipped, everything else is still validated. */
class WithoutSecretsTest {
  private static final String CHECKLIST = """
      # Shop
      ## Launch
      - [ ] GO-001 Health check returns 200
      - [ ] GO-002 Certificate is valid
      - [ ] GO-003 Database answers
      """;

  /** Every setting below whose value comes from a secret has a value check that would fail on the reference. */
  private static final String PLAN = """
      service: shop
      probes:
        - id: health
          http: { url: "${var:SHOP_URL:-http://127.0.0.1:1}/health", bearer: "${env:SHOP_TOKEN}" }
          ticks: [GO-001]
        - id: cert
          tls: { host: 127.0.0.1, port: 18443, ca-file: "${env:SHOP_CA_FILE}" }
          ticks: [GO-002]
        - id: db
          sql: { url: "${env:SHOP_DATABASE_URL}", query: "select 1" }
          ticks: [GO-003]
      gates:
        - { id: launch, required: true, probes: [health, cert, db] }
      notify:
        - slack: { url: "${env:SHOP_SLACK_WEBHOOK}" }
        - pagerduty: { routing-key: "${file:/etc/golive/pd-key}" }
      """;

  @TempDir Path dir;

  private PlanConfig load(String yaml, Secrets secrets) throws IOException, ConfigException {
    Files.writeString(dir.resolve("checklist.md"), CHECKLIST);
    Files.writeString(dir.resolve("golive.yaml"), yaml);
    return PlanLoader.load(dir, secrets);
  }

  @Test
  void skippedReferencesAreNoProblemsAndAreListedByName() throws Exception {
    Secrets secrets = Secrets.withoutSecrets(Map.of());
    PlanConfig plan = load(PLAN, secrets);
    assertThat(plan.probes()).extracting(ProbeConfig::id).containsExactly("health", "cert", "db");
    assertThat(plan.gates()).hasSize(1);
    assertThat(secrets.skippedEnv())
        .containsExactly("SHOP_CA_FILE", "SHOP_DATABASE_URL", "SHOP_SLACK_WEBHOOK", "SHOP_TOKEN");
    assertThat(secrets.skippedFiles()).containsExactly("/etc/golive/pd-key");
  }

  @Test
  void theSamePlanWithStrictSecretsReportsEveryMissingOne() {
    assertThatThrownBy(() -> load(PLAN, Secrets.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment variable SHOP_TOKEN is not set")
        .hasMessageContaining("probes[1].tls.ca-file: environment variable SHOP_CA_FILE is not set")
        .hasMessageNotContaining("file not found") // the reference's text is no path to look for
        .hasMessageContaining("cannot read secret file /etc/golive/pd-key");
  }

  @Test
  void aRealProblemNextToASkippedReferenceIsStillReportedWithItsLocation() {
    String yaml = PLAN.replace("ticks: [GO-001]", "ticks: [GO-404]")
        .replace("required: true", "required: maybe")
        .replace("slack: { url:", "slack: { uri:");
    assertThatThrownBy(() -> load(yaml, Secrets.withoutSecrets(Map.of())))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .extracting(p -> p.toString().replace(dir + "/", "")).satisfiesExactly(
                p -> assertThat(p).startsWith("golive.yaml:5:13: probes[0].ticks[0]: 'GO-404' matches no item"),
                p -> assertThat(p).isEqualTo("golive.yaml:13:29: gates[0].required: expected true or false, got 'maybe'"),
                p -> assertThat(p).isEqualTo("golive.yaml:15:12: missing required key 'notify[0].slack.url'"),
                p -> assertThat(p).startsWith("golive.yaml:15:14: unknown key 'uri' in 'notify[0].slack'")))
        .hasMessageNotContaining("not set").hasMessageNotContaining("file not found");
  }

  @Test
  void aCaFileFromASecretIsNotFileNotFoundButAMissingPlainOneStillIs() {
    assertThatThrownBy(() -> load(PLAN.replace("${env:SHOP_CA_FILE}", "certs/missing.pem"),
        Secrets.withoutSecrets(Map.of())))
        .hasMessageContaining("golive.yaml:7:51: probes[1].tls.ca-file: file not found: ");
  }

  @Test
  void anUnsetVariableIsOneProblemNotAlsoAFileNotFoundForTheReferenceText() {
    Secrets strict = Secrets.of(Map.of("SHOP_TOKEN", "tok-123456789", "SHOP_DATABASE_URL", "jdbc:postgresql://h/db"));
    assertThatThrownBy(() -> load(PLAN, strict))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .filteredOn(p -> p.toString().contains("ca-file")).singleElement().asString()
            .endsWith("golive.yaml:7:51: probes[1].tls.ca-file: environment variable SHOP_CA_FILE is not set"));
  }

  @Test
  void problemsAboutTheKeyNotItsValueAreStillReported() {
    String yaml = PLAN.replace("bearer: \"${env:SHOP_TOKEN}\"",
        "bearer: \"${env:SHOP_TOKEN}\", basic: { user: u, password: \"${env:SHOP_PASSWORD}\" }");
    assertThatThrownBy(() -> load(yaml, Secrets.withoutSecrets(Map.of())))
        .hasMessageContaining("probes[0].http.bearer: use either basic or bearer authentication, not both");
  }

  @Test
  void plainSettingsAreStillResolvedAndSecretsInConditionsStillRejected() throws Exception {
    assertThatThrownBy(() -> load(PLAN.replace("${var:SHOP_URL:-http://127.0.0.1:1}", "${var:SHOP_URL}"),
        Secrets.withoutSecrets(Map.of())))
        .hasMessageContaining("probes[0].http.url: environment variable SHOP_URL is not set");
    assertThatThrownBy(() -> load(PLAN.replace("ticks: [GO-001]",
        "conditions: [\"[BODY].token == ${env:SHOP_TOKEN}\"]\n    ticks: [GO-001]"), Secrets.withoutSecrets(Map.of())))
        .hasMessageContaining("references are not resolved inside conditions");
    PlanConfig plan = load(PLAN, Secrets.withoutSecrets(Map.of("SHOP_URL", "http://127.0.0.1:8089")));
    assertThat(plan.probes().get(0).spec().toString()).contains("http://127.0.0.1:8089/health");
  }

  @Test
  void aLenientResolveKeepsTheReferenceReadsNothingAndRegistersNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("key"), "file-secret-value");
    Secrets s = Secrets.withoutSecrets(Map.of("TOKEN", "env-secret-value", "HOST", "shop.example.com"));
    assertThat(s.resolve("https://${var:HOST}/x?t=${env:TOKEN}&k=${file:" + file + "}"))
        .isEqualTo("https://shop.example.com/x?t=${env:TOKEN}&k=${file:" + file + "}");
    assertThat(s.leavesUnresolved("${env:TOKEN}")).isTrue();
    assertThat(s.leavesUnresolved("${var:HOST}")).isFalse();
    assertThat(Secrets.of(Map.of()).leavesUnresolved("${env:TOKEN}")).isFalse();
    assertThat(s.redact("env-secret-value file-secret-value")).isEqualTo("env-secret-value file-secret-value");
  }
}
