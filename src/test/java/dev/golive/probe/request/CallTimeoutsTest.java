package dev.golive.probe.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.WireTesting;
import dev.golive.probe.http.Stalls;
import dev.golive.probe.http.TestLoop;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind that sends HTTP through {@link Call} names host:port and the phase when its target does not answer in
 * time: connecting (nothing accepts), the TLS handshake (https to a port that accepts and stays silent), waiting for
 * the response (http to that port), reading the body (a head, then nothing). Loopback stall servers only.
 */
class CallTimeoutsTest {
  private static final Duration TIMEOUT = Duration.ofMillis(600);
  private final TestLoop loop = new TestLoop();
  private Stalls silent;
  private Stalls full;
  private HttpServer headOnly;

  @BeforeEach
  void start() throws Exception {
    silent = Stalls.silent();
    full = Stalls.backlogFull();
    headOnly = loop.server(req -> req.response().setChunked(true).write("{\"partial\":"));
  }

  @AfterEach
  void close() throws Exception {
    silent.close();
    full.close();
    loop.closeWithoutWaiting();
  }

  private static String block(String kind, String base) {
    String own = switch (kind) {
      case "headers" -> "url: \"" + base + "/\", checks: [nosniff]";
      case "cors" -> "url: \"" + base + "/api\", origin: \"https://app.example\"";
      case "access" -> "url: \"" + base + "\", credentials: { user: { bearer: t0k } }, "
          + "routes: [ { request: GET /api/me, expect: { user: 200 } } ]";
      case "smoke" -> "url: \"" + base + "\", steps: [ { name: home, request: GET /, expect: 200 } ]";
      case "webhook" -> "scheme: github, url: \"" + base + "/hook\", app-secret: \"s3cret\"";
      case "metrics" -> "url: \"" + base + "/metrics\", metric: up";
      case "promql" -> "url: \"" + base + "\", query: up";
      default -> throw new IllegalArgumentException(kind);
    };
    return kind + ": { " + own + " }";
  }

  private ProbeResult run(String kindName, String base) throws Exception {
    @SuppressWarnings("unchecked")
    ProbeKind<Object> kind = (ProbeKind<Object>) ProbeKinds.byName(kindName).orElseThrow();
    String yaml = block(kindName, base);
    var parsed = WireTesting.parse(kind, yaml, Map.of());
    assertThat(parsed.problems()).as(yaml).isEmpty();
    return WireTesting.runWithDefaults(loop.vertx(), kind, parsed.spec(), loop.env(), TIMEOUT);
  }

  private static String where(int port) {
    return "127.0.0.1:" + port;
  }

  @ParameterizedTest
  @ValueSource(strings = {"headers", "cors", "access", "smoke", "webhook", "metrics", "promql"})
  void aTargetThatAcceptsNothingTimesOutConnecting(String kind) throws Exception {
    ProbeResult r = run(kind, "http://127.0.0.1:" + full.port());

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).as(kind).contains("no response from " + where(full.port()) + " within ")
        .containsPattern("\\(connecting after \\d\\.\\ds\\)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"headers", "cors", "access", "smoke", "webhook", "metrics", "promql"})
  void anHttpsTargetThatNeverHandshakesTimesOutInTheHandshake(String kind) throws Exception {
    ProbeResult r = run(kind, "https://127.0.0.1:" + silent.port());

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).as(kind).contains("no response from " + where(silent.port()) + " within ")
        .containsPattern("\\(connecting or in the TLS handshake after \\d\\.\\ds\\)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"headers", "cors", "access", "smoke", "webhook", "metrics", "promql"})
  void anHttpTargetThatNeverAnswersTimesOutWaitingForTheResponse(String kind) throws Exception {
    ProbeResult r = run(kind, "http://127.0.0.1:" + silent.port());

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).as(kind).contains("no response from " + where(silent.port()) + " within ")
        .containsPattern("\\(waiting for the response after \\d\\.\\ds\\)");
    assertThat(silent.awaitClientClosed()).as("the timed-out request's connection closed").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"headers", "cors", "access", "smoke", "webhook", "metrics", "promql"})
  void aTargetThatStallsTheBodyTimesOutReadingIt(String kind) throws Exception {
    ProbeResult r = run(kind, "http://127.0.0.1:" + headOnly.actualPort());

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).as(kind).contains("response from " + where(headOnly.actualPort()) + " not complete within ")
        .containsPattern("\\(reading the body after \\d\\.\\ds\\)");
  }

  @Test
  void aRequestSentWithoutTheTrackerStillNamesHostAndPort() throws Exception {
    var client = io.vertx.ext.web.client.WebClient.create(loop.vertx());
    try {
      var r = loop.onLoop(() -> Call.exchange(loop.vertx(),
          client.getAbs("http://127.0.0.1:" + silent.port() + "/"), null, Duration.ofMillis(300)));
      assertThat(r.cause()).hasMessageStartingWith("no response from 127.0.0.1:" + silent.port() + " within 300ms (");
    } finally {
      client.close();
    }
  }
}
