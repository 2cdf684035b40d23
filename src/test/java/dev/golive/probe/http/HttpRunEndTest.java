package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How an http run ends: phases in its evidence, timeouts that name the phase, and no connection left behind. */
class HttpRunEndTest {
  private final TestLoop loop = new TestLoop();
  private HostileTargets targets;

  @BeforeEach
  void start() throws Exception {
    targets = new HostileTargets(loop.vertx());
  }

  @AfterEach
  void close() throws Exception {
    targets.close();
    loop.close();
  }

  private static HttpSpec get(String url, boolean keepAlive) {
    return new HttpSpec(URI.create(url), "GET", Map.of(), null, null, null, null, false, false, false, 5,
        dev.golive.probe.tls.TlsSettings.DEFAULT, keepAlive);
  }

  private AsyncResult<Observation> observe(HttpSpec spec, Duration timeout) {
    HttpObserver observer = new HttpObserver(spec, loop.env(), timeout);
    return loop.onLoop(observer::observe);
  }

  @Test
  void evidenceHasEachPhasesDuration() {
    HttpServer slow = loop.server(req -> loop.vertx().setTimer(200, t -> {
      req.response().setChunked(true).write("first ");
      loop.vertx().setTimer(150, u -> req.response().end("last"));
    }));

    AsyncResult<Observation> r = observe(get("http://127.0.0.1:" + slow.actualPort() + "/", false),
        Duration.ofSeconds(10));

    assertThat(r.succeeded()).as("%s", r.cause()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Double> phases = (Map<String, Double>) r.result().get("PHASES").orElseThrow();
    assertThat(phases).containsOnlyKeys("resolve", "connect", "tls", "first_byte", "transfer");
    assertThat(phases.get("first_byte")).isBetween(0.19, 5.0);
    assertThat(phases.get("transfer")).isBetween(0.12, 5.0); // the server's 150 ms timer may fire a little early
    assertThat(phases.get("resolve")).isLessThan(0.1); // an IP literal needs no lookup
    assertThat(r.result().get("BODY")).contains((Object) "first last");
  }

  @Test
  void aTimeoutWhileWaitingForTheHeadNamesThatPhaseAndClosesTheConnection() throws Exception {
    AsyncResult<Observation> r = observe(get(targets.url("/hold"), false), Duration.ofMillis(400));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause().getMessage()).matches("no response from 127\\.0\\.0\\.1:" + targets.port()
        + " within 400ms \\(waiting for the first byte after 0\\.\\ds\\)");
    assertThat(targets.awaitOpenAtMost(0)).as("connections the server still holds").isZero();
  }

  @Test
  void aTimeoutWhileTheTargetStreamsNamesTheBodyPhaseAndClosesTheConnection() throws Exception {
    AsyncResult<Observation> r = observe(get(targets.url("/stream"), true), Duration.ofMillis(500));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause().getMessage()).matches("response from 127\\.0\\.0\\.1:" + targets.port()
        + " not complete within 500ms \\(reading the body after 0\\.\\ds, [\\d.]+ KiB received\\)");
    assertThat(targets.awaitOpenAtMost(0)).as("even with keep-alive, an unfinished response's connection closes")
        .isZero();
  }

  @Test
  void aHugeBodyFailsAtTheReadLimitAndClosesTheConnection() throws Exception {
    AsyncResult<Observation> r = observe(get(targets.url("/huge"), false), Duration.ofSeconds(30));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause()).hasMessage("response from 127.0.0.1:" + targets.port()
        + " is larger than 16.0 MiB: stopped reading it (a probe reads at most 16.0 MiB)");
    assertThat(targets.awaitOpenAtMost(0)).isZero();
    assertThat(targets.hugeBytesSent.get()).as("the server stopped sending long before 1 GiB")
        .isLessThan(HostileTargets.HUGE / 4);
  }

  @Test
  void withoutKeepAliveEveryRunHasAFreshConnectionAndClosesIt() throws Exception {
    for (int i = 0; i < 3; i++) assertThat(observe(get(targets.url("/health"), false), Duration.ofSeconds(10))
        .succeeded()).isTrue();

    assertThat(targets.opened.get()).isEqualTo(3);
    assertThat(targets.awaitOpenAtMost(0)).isZero();
  }

  @Test
  void withKeepAliveRunsReuseOneConnection() {
    for (int i = 0; i < 3; i++) assertThat(observe(get(targets.url("/health"), true), Duration.ofSeconds(10))
        .succeeded()).isTrue();

    assertThat(targets.opened.get()).isEqualTo(1);
    assertThat(targets.open.get()).isEqualTo(1);
  }

  @Test
  void moreTimedOutStreamsThanTheOldPoolHeldDoNotStarveAHealthyRunOfTheSameHost() throws Exception {
    HttpObserver streaming = new HttpObserver(get(targets.url("/stream"), true), loop.env(), Duration.ofMillis(300));
    AsyncResult<List<Observation>> all = loop.onLoop(() -> {
      List<Future<Observation>> runs = new ArrayList<>();
      for (int i = 0; i < 80; i++) runs.add(streaming.observe().recover(e -> Future.succeededFuture(null)));
      return Future.all(runs).map(c -> c.<Observation>list());
    });
    assertThat(all.succeeded()).isTrue();
    assertThat(targets.awaitOpenAtMost(0)).as("every timed-out stream's connection closed").isZero();

    AsyncResult<Observation> healthy = observe(get(targets.url("/health"), true), Duration.ofSeconds(10));

    assertThat(healthy.succeeded()).as("%s", healthy.cause()).isTrue();
    assertThat(healthy.result().get("STATUS")).contains(200);
  }

  /**
   * The web client the other HTTP kinds share: a request's timeout is an idle timeout, which an endless stream never
   * reaches; the environment resets such a request once its timeout has passed, and closes its connection.
   */
  @Test
  void sharedWebClientRequestsToATargetThatStreamsForeverAreClosedAndDoNotStarveTheHost() throws Exception {
    AsyncResult<List<Object>> streams = loop.onLoop(() -> {
      List<Future<Object>> all = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        all.add(loop.env().webClient().getAbs(targets.url("/stream")).timeout(300).send()
            .map(r -> (Object) r).otherwise(e -> e));
      }
      return Future.all(all).map(c -> c.list());
    });
    assertThat(streams.succeeded()).isTrue();
    assertThat(streams.result()).as("every request to the endless stream ends").allMatch(r -> r instanceof Throwable);
    assertThat(targets.awaitOpenAtMost(0)).as("connections the server still holds").isZero();

    AsyncResult<HttpResponse<Buffer>> healthy = loop.onLoop(() -> loop.env().webClient()
        .getAbs(targets.url("/health")).timeout(2000).send());

    assertThat(healthy.succeeded()).as("%s", healthy.cause()).isTrue();
    assertThat(healthy.result().statusCode()).isEqualTo(200);
  }
}
