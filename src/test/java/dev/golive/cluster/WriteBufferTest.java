package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.golive.alert.Alert;
import dev.golive.condition.ConditionResult;
import dev.golive.probe.ProbeResult;
import dev.golive.rollout.HoldOutcome;
import dev.golive.rollout.RolloutStore;
import dev.golive.rollout.TriggerChange;
import dev.golive.store.JdbcStore;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.Transition;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The outage buffer's spill file across a crash: every kind of held-back change reads back equal and lands in the
 * store when the replica takes the plan's lease with the next token; changes another replica may have overruled are
 * dropped with one warning per plan and kept aside; the file always holds exactly what is still held back.
 */
class WriteBufferTest {
  private static final Instant AT = Instant.parse("2026-12-07T03:00:00.123Z");

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(WriteBuffer.class);
  private Path spill;

  @BeforeEach
  void capture() {
    spill = dir.resolve("outage-buffer.jsonl");
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  @Test
  void everyKindOfHeldBackChangeIsWrittenAfterACrashWhenTheSameReplicaTakesTheNextToken() throws Exception {
    Transition t = new Transition("shop", "GO-001", ItemState.PENDING, ItemState.DONE, AT, "probe", null, null,
        List.of(new ProbeResult("health", "http", AT, Duration.ofMillis(120), true,
            List.of(ConditionResult.passed("[STATUS] == 200", "200 == 200")),
            Map.of("STATUS", 200, "BODY", "ok", "HEADERS", List.of("a", "b")), null)));
    TriggerChange trigger = new TriggerChange("shop", "d-1", "health-down", AT, "ok", "firing", 2, "503", "[STATUS] != 200",
        null, "first-30m", null, false);
    HoldOutcome hold = new HoldOutcome("first-30m", "GO-001", "broken", AT, "health check failed");
    Alert alert = new Alert("shop", "d-1", "2.0.0", "first-30m", "health-down", "critical", Alert.Status.FIRING,
        "health down", "503", "[STATUS] != 200", null, AT.minusSeconds(60), AT, "http://golive/api/plans/shop");
    WriteBuffer crashed = new WriteBuffer(100, spill, "rep-a", plan -> 4);
    down(crashed, "transition", "shop", t);
    down(crashed, "trigger", "shop", trigger);
    down(crashed, "hold", "shop", Map.of("deployment", "d-1", "hold", hold));
    down(crashed, "alert", "shop", alert);
    assertThat(Files.readAllLines(spill)).hasSize(4).allSatisfy(l -> assertThat(l).contains("\"replica\":\"rep-a\"",
        "\"token\":4"));

    try (JdbcStore h2 = JdbcStore.embedded(dir.resolve("h2"))) {
      WriteBuffer restarted = new WriteBuffer(100, spill, "rep-a", plan -> 5);
      assertThat(restarted.pendingFromPreviousRun()).isEqualTo(4);
      Buffered.store(h2, restarted);
      Buffered.rolloutStore(h2.dataSource(), restarted);
      List<Alert> paged = new ArrayList<>();
      Buffered.replayAlerts(plan -> a -> {
        paged.add(a);
        return Future.succeededFuture();
      }, restarted);

      restarted.taken("shop", 5, "rep-a");

      assertThat(h2.history("shop", "GO-001", 10)).containsExactly(t);
      RolloutStore rollouts = new RolloutStore(h2.dataSource());
      assertThat(rollouts.triggerHistory("shop", "d-1", "health-down", 10)).containsExactly(trigger);
      assertThat(rollouts.holds("shop", "d-1")).containsExactly(hold);
      assertThat(paged).containsExactly(alert);
      assertThat(restarted.pendingFromPreviousRun()).isZero();
      assertThat(restarted.size()).isZero();
      assertThat(spill).doesNotExist();
      assertThat(messages()).anyMatch(m -> m.contains("replaying 4 changes of shop"));
    }
  }

  @Test
  void changesAnotherReplicaMayHaveOverruledAreDroppedWithOneWarningAndKeptAside() throws Exception {
    long[] token = {4};
    WriteBuffer crashed = new WriteBuffer(100, spill, "rep-a", plan -> token[0]);
    down(crashed, "transition", "kept", "k1");
    down(crashed, "transition", "gap", "g1");
    down(crashed, "transition", "taken", "t1");
    down(crashed, "transition", "gone", "x1");
    token[0] = 5; // re-took its own leases after the outage, then the outage came back
    down(crashed, "transition", "kept", "k2");
    down(crashed, "transition", "gap", "g2");
    Files.writeString(spill, "{not json\n", java.nio.file.StandardOpenOption.APPEND);

    WriteBuffer restarted = new WriteBuffer(100, spill, "rep-a", plan -> -1);
    List<String> written = new ArrayList<>();
    restarted.replayAs("transition", (plan, change) -> () -> written.add(plan + ":" + change.asText()));
    assertThat(restarted.pendingFromPreviousRun()).isEqualTo(6);
    restarted.configured(List.of("kept", "gap", "taken"));
    restarted.taken("kept", 6, "rep-a");
    restarted.taken("gap", 7, "rep-b");
    restarted.ownedElsewhere("taken", "rep-c", 5);

    assertThat(written).containsExactly("kept:k1", "kept:k2");
    assertThat(restarted.pendingFromPreviousRun()).isZero();
    assertThat(spill).doesNotExist();
    assertThat(messages()).filteredOn(m -> m.contains("dropped")).containsExactly(
        "write buffer: dropped 1 changes of gone held back before a restart: the plan is not configured any more; "
            + "kept in " + spill + ".dropped",
        "write buffer: dropped 2 changes of gap held back before a restart: the lease changed hands since they were "
            + "made (token 5 of rep-a, now 7; last held by rep-b); kept in " + spill + ".dropped",
        "write buffer: dropped 1 changes of taken held back before a restart: replica rep-c has owned it since "
            + "(token 5); kept in " + spill + ".dropped");
    assertThat(messages()).anyMatch(m -> m.contains(spill + ":7: cannot read this held-back change"));
    assertThat(Files.readAllLines(dir.resolve("outage-buffer.jsonl.dropped")))
        .hasSize(5).anyMatch(l -> l.equals("{not json")).anyMatch(l -> l.contains("\"change\":\"g2\""));
  }

  @Test
  void theSpillFileHoldsExactlyWhatIsStillHeldBack() throws Exception {
    WriteBuffer buffer = new WriteBuffer(100, spill, "rep-a", plan -> 3);
    AtomicInteger up = new AtomicInteger(0); // how many more writes succeed
    Path crash = dir.resolve("at-crash.jsonl");
    for (String change : List.of("c1", "c2", "c3")) {
      buffer.write("transition", "shop", change, () -> {
        if (change.equals("c2") && !Files.exists(crash) && Files.readString(spill).contains("written")) {
          Files.copy(spill, crash); // the file as a crash right after writing c1 would leave it
        }
        if (up.getAndDecrement() <= 0) throw new SQLTransientConnectionException("connection refused");
      });
    }
    assertThat(Files.readAllLines(spill)).hasSize(3);
    up.set(1);
    assertThat(buffer.flush()).isEqualTo(1);
    WriteBuffer afterCrash = new WriteBuffer(100, crash, "rep-a", plan -> 4);
    assertThat(afterCrash.pendingFromPreviousRun()).as("c1 was written before the crash").isEqualTo(2);
    assertThat(Files.readAllLines(spill)).hasSize(2).allMatch(l -> !l.contains("\"c1\""));
    up.set(2);
    assertThat(buffer.flush()).isEqualTo(2);
    assertThat(spill).doesNotExist();
  }

  @Test
  void aWriteFencedBecauseTheLeaseWasJustReTakenIsWrittenAgainUnderTheNewToken() {
    long[] token = {4};
    WriteBuffer buffer = new WriteBuffer(100, spill, "rep-a", plan -> token[0]);
    List<Long> attempts = new ArrayList<>();
    buffer.write("transition", "shop", "c1", () -> {
      attempts.add(token[0]);
      if (attempts.size() == 1) {
        token[0] = 5; // the cluster loop re-took the lease meanwhile
        throw new java.sql.SQLException("golive fencing: replica rep-a with token 4 ...", "GL001");
      }
    });
    assertThat(attempts).containsExactly(4L, 5L);
    assertThat(buffer.size()).isZero();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> buffer.write("transition", "shop", "c2", () -> {
      throw new java.sql.SQLException("golive fencing: another replica holds it", "GL001");
    })).as("fenced with the token unchanged: refused, never held back").hasMessageContaining("golive fencing");
    assertThat(buffer.size()).isZero();
  }

  static void down(WriteBuffer buffer, String kind, String plan, Object payload) {
    buffer.write(kind, plan, payload, () -> {
      throw new SQLTransientConnectionException("connection refused");
    });
  }

  private List<String> messages() {
    synchronized (logs) { // the appender adds under its own lock
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
