package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code manual:} key: item to the reason a person, not a probe, ticks it. */
class ManualReasonsTest {
  private static final String CHECKLIST = """
      # Shop
      ## Launch
      - [ ] GO-001 Health check returns 200
      - [ ] GO-002 Legal sign-off by counsel
      - [ ] Train the support team
      """;

  @TempDir Path dir;

  private PlanConfig load(String yaml) throws IOException, ConfigException {
    Files.writeString(dir.resolve("checklist.md"), CHECKLIST);
    Files.writeString(dir.resolve("golive.yaml"), yaml);
    return PlanLoader.load(dir, Secrets.of(Map.of()));
  }

  private static final String PROBE = """
      service: shop
      probes:
        - id: health
          http: { url: "http://127.0.0.1:1/health" }
          ticks: [GO-001]
      """;

  @Test
  void readsReasonsByIdOrTextInFileOrder() throws Exception {
    PlanConfig plan = load(PROBE + """
        manual:
          GO-002: "legal sign-off: a person signs"
          "Train the support team": training
        """);
    assertThat(plan.manualReasons()).containsExactly(
        Map.entry("GO-002", "legal sign-off: a person signs"),
        Map.entry("launch-train-the-support-team", "training"));
  }

  @Test
  void planWithoutManualKeyHasNoReasons() throws Exception {
    assertThat(load(PROBE).manualReasons()).isEmpty();
  }

  @Test
  void rejectsUnknownItems() {
    assertThatThrownBy(() -> load(PROBE + "manual:\n  GO-404: nobody\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("golive.yaml:7:")
        .hasMessageContaining("'GO-404' matches no item");
  }

  @Test
  void rejectsAnItemBothProbedAndManual() {
    assertThatThrownBy(() -> load(PROBE + "manual:\n  GO-001: a person looks\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("item GO-001 is listed manual but probe health ticks it");
  }

  @Test
  void rejectsAnItemWithoutReason() {
    assertThatThrownBy(() -> load(PROBE + "manual:\n  GO-002:\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'GO-002' needs a reason");
    assertThatThrownBy(() -> load(PROBE + "manual:\n  GO-002: \"  \"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs a reason");
  }

  @Test
  void rejectsAListInsteadOfAMapping() {
    assertThatThrownBy(() -> load(PROBE + "manual: [GO-002]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("manual: expected a mapping");
  }
}
