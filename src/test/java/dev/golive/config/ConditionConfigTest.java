package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionConfigTest {
  @TempDir Path dir;

  @Test
  void referencesInsideConditionsAreRejectedWhereTheyStand() throws Exception {
    Files.writeString(dir.resolve("checklist.md"), "# Shop\n- [ ] GO-001 Version is live\n");
    Files.writeString(dir.resolve("golive.yaml"), """
        service: shop
        probes:
          - id: health
            http: { url: "http://127.0.0.1:1/health" }
            conditions: ["[BODY].version == ${var:EXPECTED_VERSION:-1.0.0}"]
            ticks: [GO-001]
        """);
    assertThatThrownBy(() -> PlanLoader.load(dir, Secrets.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("golive.yaml:5:")
        .hasMessageContaining("${...} references are not resolved inside conditions");
  }
}
