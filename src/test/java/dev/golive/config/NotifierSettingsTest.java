package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code notify:} section: per-type keys, required settings and values, reported as file:line:col. */
class NotifierSettingsTest {
  private record Read(List<NotifierConfig> notifiers, List<String> problems) {}

  private static Read read(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    Secrets secrets = Secrets.of(Map.of("PD_ROUTING_KEY", "pd-key-0123456789", "SLACK_WEBHOOK_URL",
        "https://hooks.slack.com/services/T0/B0/tok", "GOLIVE_WEBHOOK_SECRET", "whsec-abc"));
    ConfigNode root = ConfigNode.parse("golive.yaml", yaml, problems, secrets);
    List<NotifierConfig> out = RolloutReader.notifiers(root.get("notify"));
    return new Read(out, problems.sorted().stream().map(Object::toString).toList());
  }

  @Test
  void everyTypeReadsWithItsKeysAndResolvedSecrets() {
    Read r = read("""
        notify:
          - alertmanager: { url: "http://127.0.0.1:9093", resend: 60s, resolve-repeats: 3 }
          - pagerduty: { routing-key: "${env:PD_ROUTING_KEY}" }
          - slack: { url: "${env:SLACK_WEBHOOK_URL}" }
          - webhook: { url: "https://ops.example.com/hooks/golive", secret: "${env:GOLIVE_WEBHOOK_SECRET}" }
          - log: {}
          - log:
        """);
    assertThat(r.problems()).isEmpty();
    assertThat(r.notifiers()).extracting(NotifierConfig::type)
        .containsExactly("alertmanager", "pagerduty", "slack", "webhook", "log", "log");
    assertThat(r.notifiers().get(1).settings()).containsEntry("routing-key", "pd-key-0123456789");
  }

  @Test
  void missingRequiredKeysUnknownKeysAndBadValuesAreReportedWhereTheyAre() {
    Read r = read("""
        notify:
          - pagerduty: { routingkey: abc }
          - slack: { url: "hooks.slack.com/services/x" }
          - webhook: { url: "http://127.0.0.1:9000/h" }
          - alertmanager: { url: "http://127.0.0.1:9093", resend: 10m }
          - slack:
        """);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("golive.yaml:2:")
        .contains("unknown key 'routingkey'").contains("did you mean 'routing-key'?"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("golive.yaml:2:")
        .contains("missing required key 'notify[0].pagerduty.routing-key'"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("golive.yaml:3:")
        .contains("expected an absolute http:// or https:// URL"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("golive.yaml:4:")
        .contains("secret"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("golive.yaml:5:")
        .contains("between 1s and 4m"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("golive.yaml:6:")
        .contains("slack needs url"));
  }
}
