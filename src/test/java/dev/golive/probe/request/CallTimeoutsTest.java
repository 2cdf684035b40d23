package dev.golive.probe.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.WireTesting;
import dev.golive.probe.http.Stalls;
import dev.golive.probe.http.TestLoop;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Where a target stalls the request, and how the timeout names that phase. */
  enum Stall {
    CONNECTING("http", "connecting"),
    HANDSHAKE("https", "connecting or in the TLS handshake"),
    RESPONSE("http", "waiting for the response"),
    BODY("http", "reading the body");

    final String scheme;
    final String phase;

    Stall(String scheme, String phase) {
      this.scheme = scheme;
      this.phase = phase;
    }
  }

  static Stream<Arguments> stalledKinds() {
    return Stream.of(Stall.values()).flatMap(stall -> Stream.of("headers", "cors", "access", "smoke", "webhook",
        "metrics", "promql").map(kind -> Arguments.of(stall, kind)));
  }

  private int port(Stall stall) {
    return switch (stall) {
      case CONNECTING -> full.port(); // nothing accepts
      case HANDSHAKE, RESPONSE -> silent.port(); // accepts, says nothing
      case BODY -> headOnly.actualPort(); // a head, then nothing
    };
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stalledKinds")
  void aStalledTargetTimesOutNamingHostPortAndThePhase(Stall stall, String kind) throws Exception {
    int port = port(stall);
    ProbeResult r = run(kind, stall.scheme + "://127.0.0.1:" + port);

    assertThat(r.success()).isFalse();
    String lead = stall == Stall.BODY ? "response from " + where(port) + " not complete within "
        : "no response from " + where(port) + " within ";
    assertThat(r.summary()).as(kind).contains(lead)
        .containsPattern("\\(" + Pattern.quote(stall.phase) + " after \\d\\.\\ds\\)");
    if (stall == Stall.RESPONSE) {
      assertThat(silent.awaitClientClosed()).as("the timed-out request's connection closed").isTrue();
    }
    if (stall == Stall.CONNECTING) {
      // the client would keep trying for its default minute; a second after the probe's timeout it has given up
      assertThat(awaitNoConnectPending(port, Duration.ofSeconds(10)))
          .as("a connect still pending after the run is given up a second after its timeout").isTrue();
    }
  }

  /** Waits until no socket of this host is still connecting (SYN_SENT) to {@code port} on loopback. */
  private static boolean awaitNoConnectPending(int port, Duration atMost) throws Exception {
    long end = System.nanoTime() + atMost.toNanos();
    String remote = String.format(":%04X", port);
    while (System.nanoTime() < end) {
      boolean pending = false;
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[2].endsWith(remote) && f[3].equals("02")) pending = true;
        }
      }
      if (!pending) return true;
      Thread.sleep(100);
    }
    return false;
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
