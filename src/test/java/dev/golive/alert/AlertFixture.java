package dev.golive.alert;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.golive.config.NotifierConfig;
import dev.golive.store.JdbcStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** An outbox over an embedded H2 store in a temp dir, with short back-off, plus the helpers the alert tests share. */
final class AlertFixture implements AutoCloseable {
  /** Short back-off for tests; the max stays above 1s so a Retry-After of 1s is visibly honoured. */
  static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1500), 0.2);
  static final Duration WAIT = Duration.ofSeconds(30);

  final Vertx vertx = Vertx.vertx();
  final WorkerExecutor workers = vertx.createSharedWorkerExecutor("golive-store", 2);
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Path dir;
  JdbcStore store;
  SimpleMeterRegistry registry;
  Outbox outbox;

  AlertFixture(Path dir) {
    this.dir = dir;
    logs.start();
    ((Logger) LoggerFactory.getLogger("dev.golive")).addAppender(logs);
  }

  /** Opens the store (if closed) and a started outbox for plan {@code shop} with these receivers. */
  Outbox open(NotifierConfig... receivers) {
    if (store == null) store = JdbcStore.embedded(dir);
    registry = new SimpleMeterRegistry();
    outbox = Notifiers.outbox(vertx, store.dataSource(), workers, registry, Map.of("shop", List.of(receivers)),
        "http://golive.test:8080", FAST);
    await(outbox.start());
    return outbox;
  }

  /** Closes the outbox and the store, as a crash or a restart would leave them (rows stay in the H2 file). */
  void stop() {
    if (outbox != null) outbox.close();
    if (store != null) store.close();
    outbox = null;
    store = null;
  }

  double count(String receiver, String result) {
    Counter c = registry.find("golive_alert_deliveries_total").tags("receiver", receiver, "result", result).counter();
    return c == null ? 0 : c.count();
  }

  double pendingGauge(String receiver) {
    return registry.get("golive_outbox_pending").tag("receiver", receiver).gauge().value();
  }

  /** Every log line golive wrote during the test, formatted. */
  String logText() {
    StringBuilder s = new StringBuilder();
    List<ILoggingEvent> lines;
    synchronized (logs) { // the appender adds under its own lock, from the daemon's threads
      lines = List.copyOf(logs.list);
    }
    for (ILoggingEvent e : lines) s.append(e.getFormattedMessage()).append('\n');
    return s.toString();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Polls {@code check} until it passes or {@link #WAIT} is over (then rethrows its last failure). */
  static void eventually(Runnable check) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > end) throw e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static final Instant DEPLOYED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(252);

  static Alert alert(Alert.Status status) {
    return alert(status, "d-42");
  }

  static Alert alert(Alert.Status status, String deployment) {
    Instant at = status == Alert.Status.FIRING ? DEPLOYED.plusSeconds(252) : Instant.now();
    return new Alert("shop", deployment, "1.4.2", "first-30m", "error-rate", "critical", status,
        "shop error rate 7.1% after deploy 1.4.2", "0.071", "[VALUE] > 0.05", "0.004", DEPLOYED, at,
        "/api/plans/shop/triggers/error-rate/evidence");
  }

  static NotifierConfig config(String type, Map<String, String> settings) {
    return new NotifierConfig(type, settings);
  }

  @Override
  public void close() {
    stop();
    ((Logger) LoggerFactory.getLogger("dev.golive")).detachAppender(logs);
    await(vertx.close());
  }
}
