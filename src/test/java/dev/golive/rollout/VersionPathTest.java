package dev.golive.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionPathTest {
  @Test
  void readsAVersionFromAJsonBody() {
    assertThat(VersionPath.extract("[BODY].version", Map.of("BODY", "{\"status\":\"UP\",\"version\":\"1.4.3\"}")))
        .isEqualTo("1.4.3");
    assertThat(VersionPath.extract("[BODY].build.version", Map.of("BODY", "{\"build\":{\"version\":142}}")))
        .isEqualTo("142");
  }

  @Test
  void readsABuildInfoLabel() {
    assertThat(VersionPath.extract("[LABELS].version", Map.of("LABELS", Map.of("version", "2.0.1", "job", "x"))))
        .isEqualTo("2.0.1");
  }

  @Test
  void missingOrUnreadableVersionsAreNull() {
    assertThat(VersionPath.extract("[BODY].version", Map.of("BODY", "<html>oops</html>"))).isNull();
    assertThat(VersionPath.extract("[BODY].version", Map.of("BODY", "{\"version\":{\"a\":1}}"))).isNull();
    assertThat(VersionPath.extract("[BODY].version", Map.of())).isNull();
    assertThat(VersionPath.extract("[BODY].version", Map.of("BODY", "{\"version\":\"\"}"))).isNull();
  }
}
