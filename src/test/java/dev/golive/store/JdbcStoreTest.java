package dev.golive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.condition.ConditionResult;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreTest {
  @TempDir Path dir;

  private static Transition tick(String item, ItemState from, ItemState to, Instant at) {
    ProbeResult evidence = new ProbeResult("health", "http", at, Duration.ofMillis(12), to == ItemState.DONE,
        List.of(ConditionResult.passed("[STATUS] == 200", "[STATUS] (200) == 200")), Map.of("STATUS", 200), null);
    return new Transition("shop", item, from, to, at, "probe", "health", null, List.of(evidence));
  }

  @Test
  void statesAndEvidenceSurviveReopening() {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      store.record(tick("GO-001", ItemState.PENDING, ItemState.PASSING, at.minusSeconds(30)));
      store.record(tick("GO-001", ItemState.PASSING, ItemState.DONE, at));
    }
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      assertThat(store.states("shop")).containsEntry("GO-001", new Store.StoredState(ItemState.DONE, at));
      List<Transition> history = store.history("shop", "GO-001", 10);
      assertThat(history).extracting(Transition::to).containsExactly(ItemState.DONE, ItemState.PASSING);
      assertThat(history.get(0).results()).singleElement().satisfies(r -> {
        assertThat(r.probeId()).isEqualTo("health");
        assertThat(r.conditions().get(0).explanation()).isEqualTo("[STATUS] (200) == 200");
      });
    }
  }

  @Test
  void plansAreSeparate() {
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      store.record(tick("GO-001", ItemState.PENDING, ItemState.FAILING, Instant.now()));
      assertThat(store.states("other")).isEmpty();
    }
  }

  @Test
  void manualTicksKeepWhoAndWhy() {
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      store.record(new Transition("shop", "rollback-plan", ItemState.MANUAL, ItemState.DONE, Instant.now(), "manual",
          "alice", "reviewed in the go/no-go meeting", List.of()));
      assertThat(store.history("shop", "rollback-plan", 5)).singleElement().satisfies(t -> {
        assertThat(t.actor()).isEqualTo("alice");
        assertThat(t.note()).isEqualTo("reviewed in the go/no-go meeting");
      });
    }
  }

  @Test
  void historyIsLimitedNewestFirst() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      for (int i = 0; i < 5; i++) {
        store.record(tick("x", ItemState.PASSING, i % 2 == 0 ? ItemState.DONE : ItemState.REGRESSED,
            t0.plusSeconds(i)));
      }
      assertThat(store.history("shop", "x", 2)).extracting(Transition::at).containsExactly(t0.plusSeconds(4),
          t0.plusSeconds(3));
    }
  }

  @Test
  void anUnreachableStoreFailsWithOneLineWithoutThePassword() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:postgresql://127.0.0.1:1/golive?password=hunter2&connectTimeout=1",
        "golive", "hunter2", 1))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open the store at jdbc:postgresql://127.0.0.1:1/golive?password=****")
        .hasMessageNotContaining("hunter2");
  }
}
