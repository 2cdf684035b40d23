package dev.golive.probe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.store.JdbcStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last ping per heartbeat in the embedded store (migration V4); {@link HeartbeatStorePgIT} does PostgreSQL. */
class HeartbeatStoreTest {
  @TempDir Path dir;

  /** Shared by the H2 test and the PostgreSQL IT. */
  static void keepsTheLastPingPerHeartbeatAndCounts(JdbcStore store) {
    HeartbeatStore pings = new HeartbeatStore(store.dataSource());
    assertThat(pings.last("shop", "nightly-backup")).isEmpty();
    Instant t0 = Instant.parse("2026-11-29T02:00:00.123456Z");
    Ping first = pings.record("shop", "nightly-backup", t0, true, "dump 1.2 GB");
    assertThat(first).isEqualTo(new Ping(Instant.parse("2026-11-29T02:00:00.123Z"), true, "dump 1.2 GB", 1));
    Ping second = pings.record("shop", "nightly-backup", t0.plusSeconds(60), false, "x".repeat(900));
    assertThat(second.count()).isEqualTo(2);
    pings.record("billing", "nightly-backup", t0, true, null);
    assertThat(pings.last("shop", "nightly-backup")).contains(second);
    assertThat(pings.last("billing", "nightly-backup")).hasValueSatisfying(p -> {
      assertThat(p.count()).isEqualTo(1);
      assertThat(p.message()).isEmpty();
    });
  }

  @Test
  void embeddedStoreKeepsTheLastPingAcrossReopen() {
    try (JdbcStore store = JdbcStore.embedded(dir)) {
      keepsTheLastPingPerHeartbeatAndCounts(store);
    }
    try (JdbcStore reopened = JdbcStore.embedded(dir)) {
      assertThat(new HeartbeatStore(reopened.dataSource()).last("shop", "nightly-backup"))
          .hasValueSatisfying(p -> assertThat(p.count()).isEqualTo(2));
    }
  }
}
