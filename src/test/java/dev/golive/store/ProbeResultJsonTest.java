package dev.golive.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.golive.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored evidence keeps whether golive was overloaded, and evidence stored before that field still reads. */
class ProbeResultJsonTest {
  @Test
  void theOverloadSurvivesTheStoreAndOldRowsReadWithout() throws Exception {
    ProbeResult late = new ProbeResult("health", "http", Instant.parse("2026-12-07T01:00:00Z"), Duration.ofMillis(5),
        false, List.of(), Map.of(), "no response from a:443 within 5s", "golive was overloaded: started 2.3s late");

    String json = JdbcStore.JSON.writeValueAsString(List.of(late));
    List<ProbeResult> back = JdbcStore.JSON.readValue(json, new TypeReference<>() {});

    assertThat(back).containsExactly(late);
    assertThat(back.get(0).inconclusive()).isTrue();
    String old = json.replace(",\"overloaded\":\"golive was overloaded: started 2.3s late\"", "");
    assertThat(old).doesNotContain("overloaded");
    ProbeResult read = JdbcStore.JSON.<List<ProbeResult>>readValue(old, new TypeReference<>() {}).get(0);
    assertThat(read.overloaded()).isNull();
    assertThat(read.inconclusive()).isFalse();
  }
}
