package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {
  private final ConfigProblems problems = new ConfigProblems();

  private ConfigNode parse(String yaml) {
    return ConfigNode.parse("golive.yaml", yaml, problems, Secrets.of(Map.of("PW", "pw-value")));
  }

  private String problemText() {
    return String.join("\n", problems.sorted().stream().map(Object::toString).toList());
  }

  @Test
  void unknownKeysAreReportedWithLocationAndASuggestion() {
    ConfigNode root = parse("service: shop\nchecklsit: list.md\n");
    root.allowOnly("service", "checklist");
    assertThat(problemText()).isEqualTo("golive.yaml:2:1: unknown key 'checklsit' in top level, did you mean "
        + "'checklist'? (known keys: checklist, service)");
  }

  @Test
  void badValuesNameTheFullKeyLocationAndValue() {
    ConfigNode root = parse("defaults:\n  interval: 30 seconds\n  passes-to-tick: many\n");
    ConfigNode d = root.get("defaults").orElseThrow();
    assertThat(d.duration("interval", Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    d.integer("passes-to-tick", 2, 1, 100);
    assertThat(problemText()).contains("golive.yaml:2:13: defaults.interval: bad duration '30 seconds'")
        .contains("golive.yaml:3:19: defaults.passes-to-tick: expected a whole number, got 'many'");
  }

  @Test
  void yamlSyntaxErrorsAreOneLineWithAPosition() {
    parse("probes:\n  - id: [unclosed\n");
    assertThat(problems.sorted()).singleElement().satisfies(p -> {
      assertThat(p.toString()).startsWith("golive.yaml:").contains("YAML syntax");
      assertThat(p.toString()).doesNotContain("\n");
    });
  }

  @Test
  void secretsAreResolvedOnReadAndAMissingOneIsAProblemAtItsLine() {
    ConfigNode root = parse("a: ${env:PW}\nb: ${env:NOPE}\n");
    assertThat(root.string("a", null)).isEqualTo("pw-value");
    root.string("b", null);
    assertThat(problemText()).startsWith("golive.yaml:2:4:").contains("NOPE").doesNotContain("pw-value");
  }

  @Test
  void missingRequiredKeysAndWrongShapesAreReported() {
    ConfigNode root = parse("probe:\n  http: [1, 2]\n");
    ConfigNode probe = root.get("probe").orElseThrow();
    probe.requiredString("id");
    probe.get("http").orElseThrow().allowOnly("url");
    assertThat(problemText()).contains("missing required key 'probe.id'").contains("expected a mapping");
  }

  @Test
  void choicesListTheAllowedWords() {
    ConfigNode root = parse("no-data: explode\n");
    assertThat(root.choice("no-data", "fail", "fail", "ignore", "inconclusive")).isEqualTo("fail");
    assertThat(problemText()).contains("expected one of fail, ignore, inconclusive, got 'explode'");
  }
}
