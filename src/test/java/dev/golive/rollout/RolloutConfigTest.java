package dev.golive.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.config.ConfigException;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.config.TriggerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutConfigTest {
  @TempDir Path dir;

  @Test
  void windowsTriggersAndDetectionLoad() throws Exception {
    PlanConfig p = PlanLoader.load(Path.of("src/test/resources/DeployCommandTest/shop"), Secrets.of(Map.of()));
    assertThat(p.detection()).hasValueSatisfying(d -> {
      assertThat(d.probeId()).isEqualTo("health");
      assertThat(d.version()).isEqualTo("[BODY].version");
    });
    TriggerConfig latency = p.triggers().get(1);
    assertThat(latency.baselineFloor()).isEqualTo(0.2);
    assertThat(latency.usesBaseline()).isTrue();
    assertThat(latency.dryRun()).isTrue();
    assertThat(latency.noData()).isEqualTo("ignore");
    TriggerConfig composite = p.triggers().get(2);
    assertThat(composite.composite()).isTrue();
    assertThat(composite.criticalProbes()).containsExactly("health", "errors");
    assertThat(composite.atLeast()).isEqualTo(2);
    assertThat(p.windows().get(0).holdItemIds()).containsExactly("GO-010");
  }

  @Test
  void theDemoPlanLoadsWithItsWindowsAndTriggers() throws Exception {
    Path ca = dev.golive.demo.Certificates.localhost(dir, "demo", java.time.Instant.now(),
        java.time.Instant.now().plus(java.time.Duration.ofDays(90))).caCert();
    PlanConfig p = PlanLoader.load(Path.of("probes/demo"), Secrets.of(Map.of("DEMO_CA_FILE", ca.toString())));
    assertThat(p.windows()).extracting(w -> w.name()).containsExactly("first-30m", "first-24h", "first-7d");
    assertThat(p.triggers()).extracting(TriggerConfig::id).containsExactly("error-rate", "latency-degraded",
        "critical-down");
    assertThat(p.detection()).isPresent();
  }

  private String problems(String yaml) throws Exception {
    Files.writeString(dir.resolve("checklist.md"), "# Go\n- [ ] GO-010 All endpoints responding\n");
    Files.writeString(dir.resolve("golive.yaml"), yaml);
    try {
      PlanLoader.load(dir, Secrets.of(Map.of()));
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  private static final String PROBES = "probes:\n  - id: health\n    http: { url: \"http://127.0.0.1:9/\" }\n"
      + "    ticks: [GO-010]\n";

  @Test
  void badDetectionIsReportedWithItsLocation() throws Exception {
    String p = problems(PROBES + "deployments:\n  detect: { probe: nope, version: \"[BODY].version\" }\n");
    assertThat(p).contains("golive.yaml:6:").contains("no probe 'nope'");
    assertThat(problems(PROBES + "deployments:\n  detect: { probe: health, version: \"body.version\" }\n"))
        .contains("golive.yaml:6:").contains("[BODY].version");
    assertThat(problems(PROBES + "deployments:\n  detect: { probe: health, version: \"[VALUE]\" }\n"))
        .contains("[VALUE] is not observed by http probe 'health'");
    assertThat(problems(PROBES + "deployments:\n  detect: { probe: health }\n  since: 1h\n"))
        .contains("version").contains("since");
  }

  @Test
  void badTriggerKeysAreReported() throws Exception {
    assertThat(problems(PROBES + "triggers:\n  - { id: t, probe: health, fire-when: \"[STATUS] == 500\", "
        + "baseline-floor: 0.1 }\n")).contains("golive.yaml:6:").contains("only applies to conditions that use [BASELINE]");
    assertThat(problems(PROBES + "triggers:\n  - { id: t, probe: health, fire-when: \"[RESPONSE_TIME] > [BASELINE]\", "
        + "baseline-floor: lots }\n")).contains("expected a non-negative number or a duration");
    assertThat(problems(PROBES + "triggers:\n  - { id: c, critical-probes: [health, ghost], at-least: 3 }\n"))
        .contains("no probe 'ghost'").contains("must be at most the number of critical probes (2)");
    assertThat(problems(PROBES + "triggers:\n  - { id: c, at-least: 1 }\n"))
        .contains("critical: true");
  }

  @Test
  void holdSeverityIsReadPerWindowAndTriggerIdsCannotCollideWithHoldAlerts() throws Exception {
    Files.writeString(dir.resolve("checklist.md"), "# Go\n- [ ] GO-010 All endpoints responding\n");
    Files.writeString(dir.resolve("golive.yaml"), PROBES + "windows:\n"
        + "  - { name: a, until: 30m, hold: [GO-010], hold-severity: critical }\n"
        + "  - { name: b, until: 1h, hold: [GO-010] }\n");
    PlanConfig p = PlanLoader.load(dir, Secrets.of(Map.of()));
    assertThat(p.windows()).extracting(w -> w.holdSeverity()).containsExactly("critical", "warning");
    assertThat(problems(PROBES + "windows:\n  - { name: a, until: 30m, hold-severity: page }\n"))
        .contains("golive.yaml:6:").contains("hold-severity").contains("'page'");
    assertThat(problems(PROBES + "triggers:\n  - { id: hold/GO-010, probe: health, fire-when: \"[STATUS] == 500\" }\n"))
        .contains("golive.yaml:6:").contains("'hold/GO-010' is not a valid trigger id");
  }

  @Test
  void holdItemsMustBeTickedByAProbe() throws Exception {
    Files.writeString(dir.resolve("checklist.md"), "# Go\n- [ ] GO-010 All endpoints responding\n- [ ] GO-020 Docs\n");
    Files.writeString(dir.resolve("golive.yaml"), PROBES + "windows:\n  - { name: w, until: 30m, hold: [GO-020] }\n");
    try {
      PlanLoader.load(dir, Secrets.of(Map.of()));
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      assertThat(e.getMessage()).contains("golive.yaml:6:").contains("hold item 'GO-020' is not ticked by any probe");
    }
  }
}
