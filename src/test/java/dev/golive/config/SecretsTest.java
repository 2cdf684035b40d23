package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @TempDir Path dir;

  @Test
  void plainVariablesAreResolvedWithDefaultsAndNeverRedacted() {
    Secrets s = Secrets.of(Map.of("BASE_URL", "http://127.0.0.1:8089"));
    assertThat(s.resolve("${var:BASE_URL}/health")).isEqualTo("http://127.0.0.1:8089/health");
    assertThat(s.resolve("${var:OTHER:-https://shop.example.com}/health")).isEqualTo("https://shop.example.com/health");
    assertThat(s.redact("GET http://127.0.0.1:8089/health")).isEqualTo("GET http://127.0.0.1:8089/health");
    assertThatThrownBy(() -> s.resolve("${var:MISSING}")).hasMessage("environment variable MISSING is not set");
  }

  @Test
  void resolvesEnvironmentAndFileReferencesAndRedactsThemAfterwards() throws Exception {
    Path file = Files.writeString(dir.resolve("pd-key"), "pd-routing-key-123\n");
    Secrets s = Secrets.of(Map.of("TOKEN", "tok-abcdef"));
    assertThat(s.resolve("Bearer ${env:TOKEN}")).isEqualTo("Bearer tok-abcdef");
    assertThat(s.resolve("${file:" + file + "}")).isEqualTo("pd-routing-key-123");
    assertThat(s.redact("sent tok-abcdef with pd-routing-key-123")).isEqualTo("sent **** with ****");
  }

  @Test
  void aMissingVariableOrFileIsNamedButNoValueIsShown() {
    Secrets s = Secrets.of(Map.of());
    assertThatThrownBy(() -> s.resolve("${env:MISSING_VAR}")).hasMessageContaining("MISSING_VAR");
    assertThatThrownBy(() -> s.resolve("${file:" + dir.resolve("nope") + "}")).hasMessageContaining("nope");
  }

  @Test
  void theLongestSecretIsRedactedFirstSoNoFragmentLeaks() {
    Secrets s = Secrets.of(Map.of("A", "abc", "B", "abcdef-long"));
    s.resolve("${env:A}");
    s.resolve("${env:B}");
    assertThat(s.redact("x abcdef-long y")).isEqualTo("x **** y");
  }

  @Test
  void overridesAnswerFirstAndKnownSecretsCarryOver() {
    Secrets base = Secrets.of(Map.of("X", "from-env-value"));
    base.resolve("${env:X}");
    Secrets demo = base.withEnvironment(Map.of("Y", "demo-value"));
    assertThat(demo.resolve("${env:Y}/${env:X}")).isEqualTo("demo-value/from-env-value");
    assertThat(demo.redact("from-env-value")).isEqualTo("****");
  }
}
