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

  @Test
  void aSecretLearnedAfterRedactionsIsRedactedFromThenOnAndAnEvictedOneIsNot() {
    Secrets s = Secrets.of(Map.of("TOKEN", "tok-abcdef"));
    assertThat(s.redact("session sess-0001 with tok-abcdef")).isEqualTo("session sess-0001 with tok-abcdef");
    s.resolve("${env:TOKEN}");
    assertThat(s.redact("session sess-0001 with tok-abcdef")).isEqualTo("session sess-0001 with ****");
    s.register("sess-0001");
    assertThat(s.redact("session sess-0001 with tok-abcdef")).isEqualTo("session **** with ****");
    s.registerBasic("ops", "basic-secret");
    assertThat(s.redact("pw basic-secret")).isEqualTo("pw ****");
    for (int i = 2; i <= 5000; i++) s.register(String.format("sess-%04d", i)); // a fresh token every run
    assertThat(s.redact("old sess-0001, new sess-5000, tok-abcdef"))
        .as("run-time tokens are kept most recent first; plan secrets stay")
        .isEqualTo("old sess-0001, new ****, ****");
  }

  @Test
  void redactionsFromManyThreadsWhileSecretsArriveNeverMissAKnownOne() throws Exception {
    Secrets s = Secrets.of(Map.of());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        all.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            String token = "tok-" + thread + "-" + i;
            s.register(token);
            assertThat(s.redact("a " + token + " b")).isEqualTo("a **** b");
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : all) f.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }
}
