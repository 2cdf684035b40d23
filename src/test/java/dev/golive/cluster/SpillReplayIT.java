package dev.golive.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import dev.golive.alert.Alert;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.rollout.TriggerChange;
import dev.golive.store.FencingTokens;
import dev.golive.store.JdbcStore;
import dev.golive.verdict.ItemState;
import dev.golive.verdict.Transition;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A replica that died during a database outage left changes in its spill file (an item ticked, a trigger fired, its
 * alert). Restarted on the same data directory (so the same replica id) against PostgreSQL (a {@link TestSchema}
 * of its own), it writes them before the plan starts when nobody else held the plan's lease since, and drops
 * them with a warning when another replica did.
 */
class SpillReplayIT {
  private static final Instant AT = Instant.now().minusSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(WriteBuffer.class);
  private TestSchema db;
  private HttpServer target;
  private WireMockServer receiver;
  private Daemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    db = TestSchema.create("golive_spill_");
    JdbcStore.openReplica(db.store, db.user, db.password, "setup", new FencingTokens()).close(); // migrates
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/health", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    target.start();
    receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    Path plan = Files.createDirectories(dir.resolve("shop"));
    Path fixture = Path.of("src/test/resources/SpillReplayIT/shop");
    Files.copy(fixture.resolve("checklist.md"), plan.resolve("checklist.md"));
    Files.writeString(plan.resolve("golive.yaml"), Files.readString(fixture.resolve("golive.yaml"))
        .formatted(target.getAddress().getPort(), receiver.port()));
    // what replica spill-a held back, under lease token 4, when the database went away and then the process died
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("replica-id"), "spill-a\n");
    WriteBuffer crashed = new WriteBuffer(100, data.resolve("outage-buffer.jsonl"), "spill-a", p -> 4);
    WriteBufferTest.down(crashed, "transition", "shop", new Transition("shop", "GO-002", ItemState.MANUAL,
        ItemState.DONE, AT, "manual", "alice", "rota signed", List.of()));
    WriteBufferTest.down(crashed, "trigger", "shop", new TriggerChange("shop", "d-1", "health-down", AT, "ok",
        "firing", 2, "503", "[STATUS] != 200", null, "first-30m", null, false));
    WriteBufferTest.down(crashed, "alert", "shop", new Alert("shop", "d-1", "2.0.0", "first-30m", "health-down",
        "critical", Alert.Status.FIRING, "health-down fired", "503", "[STATUS] != 200", null, AT.minusSeconds(60), AT,
        null));
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() throws Exception {
    logger.detachAppender(logs);
    if (daemon != null) daemon.close();
    if (target != null) target.stop(0);
    if (receiver != null) receiver.stop();
    if (db != null) db.close();
  }

  @Test
  void changesHeldBackByACrashedReplicaLandBeforeThePlanStartsWhenNobodyElseHeldIt() throws Exception {
    db.sql("insert into plan_lease (plan, owner, token, expires_at) values ('shop', 'spill-a', 4, now())");
    daemon = startDaemon();

    assertThat(get("/api/plans/shop/items/GO-002")).as("restored at the start, so written before it")
        .contains("\"state\":\"done\"").contains("alice").contains("rota signed");
    assertThat(db.count("select count(*) from plan_lease where owner = 'spill-a' and token = 5")).isEqualTo(1);
    assertThat(db.count("select count(*) from evidence where plan = 'shop' and item_id = 'GO-002' and actor = 'alice'"))
        .isEqualTo(1);
    assertThat(db.count("select count(*) from trigger_change where plan = 'shop' and trigger_id = 'health-down' "
        + "and to_state = 'firing'")).isEqualTo(1);
    assertThat(db.count("select count(*) from alert_outbox where plan = 'shop' and dedup_key = 'golive/shop/d-1/health-down'"))
        .isEqualTo(1);
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).isEmpty() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).as("the held-back page, delivered")
        .hasSize(1);
    assertThat(dir.resolve("data/outage-buffer.jsonl")).doesNotExist();
    assertThat(messages()).anyMatch(m -> m.contains("replaying 3 changes of shop held back before a restart"));
  }

  @Test
  void changesHeldBackByACrashedReplicaAreDroppedWithAWarningWhenAnotherReplicaHeldThePlanSince() throws Exception {
    db.sql("insert into plan_lease (plan, owner, token, expires_at) values ('shop', 'spill-b', 6, now())");
    daemon = startDaemon();

    assertThat(get("/api/plans/shop/items/GO-002")).contains("\"state\":\"manual\"", "\"evidence\":[]");
    assertThat(db.count("select count(*) from plan_lease where owner = 'spill-a' and token = 7")).isEqualTo(1);
    assertThat(db.count("select count(*) from trigger_change where plan = 'shop'")).isZero();
    assertThat(db.count("select count(*) from alert_outbox where plan = 'shop'")).isZero();
    assertThat(db.count("select count(*) from evidence where plan = 'shop' and item_id = 'GO-002'")).isZero();
    assertThat(messages()).filteredOn(m -> m.contains("dropped")).containsExactly("write buffer: dropped 3 changes "
        + "of shop held back before a restart: the lease changed hands since they were made (token 4 of spill-a, now "
        + "7; last held by spill-b); kept in " + dir.resolve("data/outage-buffer.jsonl.dropped"));
    assertThat(Files.readAllLines(dir.resolve("data/outage-buffer.jsonl.dropped"))).hasSize(3);
    assertThat(dir.resolve("data/outage-buffer.jsonl")).doesNotExist();
  }

  private Daemon startDaemon() throws Exception {
    return Daemon.start(List.of(PlanLoader.load(dir.resolve("shop"), Secrets.of(Map.of()))),
        new DaemonOptions("127.0.0.1", 0, dir.resolve("data"), db.store, db.user, db.password, "spill-api-token"),
        Secrets.of(Map.of()));
  }

  private List<String> messages() {
    synchronized (logs) { // the appender adds under its own lock
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

}
