package dev.golive.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the checklist loader skipped is told by the plan API, and once in the daemon's log at start. */
class LoadNotesTest {
  private static final Path PLAN = Path.of("src/test/resources/LoadNotesTest/readiness");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  @TempDir Path data;
  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) daemon.close();
    if (logs.isStarted()) rootLogger().detachAppender(logs);
  }

  @Test
  void notesAreInThePlanApiAndLoggedOnceAtStartAndLevelsAreOnTheItems() throws Exception {
    logs.start();
    rootLogger().addAppender(logs);
    daemon = Daemon.start(List.of(PlanLoader.load(PLAN, Secrets.of(Map.of()))),
        DaemonOptions.embedded("127.0.0.1", 0, data, null), Secrets.of(Map.of()));

    JsonObject plan = new JsonObject(get("/api/plans/readiness"));
    JsonArray notes = plan.getJsonArray("notes");
    assertThat(notes).hasSize(2);
    assertThat(notes.getJsonObject(0).getInteger("line")).isEqualTo(7);
    assertThat(notes.getJsonObject(0).getString("message")).contains("level columns (Level 1, Level 2, Level 3)");
    assertThat(notes.getJsonObject(1).getInteger("line")).isEqualTo(13);
    assertThat(notes.getJsonObject(1).getString("message")).contains("'[?]' is not a checkbox");
    assertThat(new JsonArray(get("/api/plans")).getJsonObject(0).getJsonArray("notes")).isEqualTo(notes);

    JsonArray items = new JsonArray(get("/api/plans/readiness/items"));
    JsonObject red = items.getJsonObject(0);
    assertThat(red.getString("text")).isEqualTo("Service exposes RED metrics");
    assertThat(red.getJsonObject("levels").getMap()).containsExactly(Map.entry("Level 1", "✅"),
        Map.entry("Level 2", "✅"), Map.entry("Level 3", "✅"));
    assertThat(items.getJsonObject(1).getJsonObject("levels").getString("Level 1")).isEmpty();
    assertThat(items.getJsonObject(2).containsKey("levels")).as("a task item has no levels").isFalse();

    List<ILoggingEvent> lines;
    synchronized (logs) { // the appender adds under its own lock, from the daemon's threads
      lines = List.copyOf(logs.list);
    }
    List<ILoggingEvent> noted = lines.stream().filter(e -> e.getFormattedMessage().startsWith("plan readiness:")
        && e.getFormattedMessage().contains("'[?]' is not a checkbox")).toList();
    assertThat(noted).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).startsWith("plan readiness: checklist ").contains("line 7: a table of"
          + " level columns", "line 13: '[?]'");
    });
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private static ch.qos.logback.classic.Logger rootLogger() {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      assertThat(System.nanoTime()).as("SLF4J initialized").isLessThan(end);
      Thread.onSpinWait();
    }
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
