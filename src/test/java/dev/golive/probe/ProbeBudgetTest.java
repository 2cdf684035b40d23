package dev.golive.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The wire kinds against a peer that accepts requests and never answers, and against one that answers everything
 * with 200: each run ends with a failed result by its own timeout (never hangs, never lets the scheduler wait), and
 * never sends more requests than the kind declares for its configuration.
 */
class ProbeBudgetTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  /** How late a timed-out result may arrive on a loaded machine: a bound on hanging, not a latency measurement. */
  private static final Duration LATE = Duration.ofSeconds(8);
  private static final AtomicInteger hangingRequests = new AtomicInteger();
  private static final AtomicInteger answeredRequests = new AtomicInteger();
  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static int hanging;
  private static int answering;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
    hanging = listen(vertx.createHttpServer().requestHandler(req -> hangingRequests.incrementAndGet()));
    answering = listen(vertx.createHttpServer().requestHandler(req -> {
      answeredRequests.incrementAndGet();
      req.response().putHeader("Content-Type", "application/json").end("{\"rows\":[],\"token\":\"t\"}");
    }));
    // load the client's classes and open its pools once, so the first case is not timed against a cold JVM
    env.webClient().getAbs("http://127.0.0.1:" + answering + "/warm-up").send().toCompletionStage()
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static int listen(HttpServer server) throws Exception {
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
  }

  @AfterAll
  static void stop() {
    env.close();
    vertx.close();
  }

  @BeforeEach
  void resetCounts() {
    hangingRequests.set(0);
    answeredRequests.set(0);
  }

  /** kind | its block, with PORT for the peer | the most requests one run may send. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      webhook    | { scheme: meta, url: "http://127.0.0.1:PORT/hook", verify-token: vt-123, app-secret: as-123 } | 6
      webhook    | { scheme: stripe, url: "http://127.0.0.1:PORT/hook", signing-secret: whsec-123 }                | 5
      headers    | { url: "http://127.0.0.1:PORT/", checks: [hsts, nosniff, https-redirect], http-url: "http://127.0.0.1:PORT/" } | 2
      cors       | { url: "http://127.0.0.1:PORT/api", origin: "https://app.example.com" }                       | 2
      rate-limit | { url: "http://127.0.0.1:PORT/login", max-requests: 20, concurrency: 4 }                       | 20
      access     | { url: "http://127.0.0.1:PORT", credentials: { anonymous: none, admin: { bearer: tok-123 } }, routes: [ { request: GET /a, expect: { anonymous: [401], admin: [200] } }, { request: GET /b, expect: { anonymous: [401] } } ], scope: [ { as: admin, request: GET /rows, rows: rows, field: t, equals: A } ] } | 4
      smoke      | { url: "http://127.0.0.1:PORT", steps: [ { name: login, request: POST /login, expect: [200], extract: { token: "[BODY].token" } }, { name: me, request: GET /me, expect: [200] }, { name: out, request: DELETE /s, always: true } ] } | 3
      """)
  void endsByItsOwnTimeoutAndStaysWithinItsRequestBudget(String kind, String block, int maxRequests)
      throws Exception {
    ProbeResult stuck = run(kind, block.replace("PORT", String.valueOf(hanging)));
    assertThat(stuck.success()).as("a peer that never answers cannot pass").isFalse();
    assertThat(stuck.duration()).as("ended by its own timeout").isLessThan(TIMEOUT.plus(LATE));
    assertThat(hangingRequests.get()).as("requests sent to a peer that never answers (result: %s)", stuck.summary())
        .isBetween(1, maxRequests);

    run(kind, block.replace("PORT", String.valueOf(answering)));
    assertThat(answeredRequests.get()).as("requests sent in one run").isBetween(1, maxRequests);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ProbeResult run(String kindName, String block) throws Exception {
    ProbeKind kind = ProbeKinds.byName(kindName).orElseThrow();
    WireTesting.Parsed<?> parsed = WireTesting.parse(kind, kindName + ": " + block, Map.of());
    assertThat(parsed.problems()).as("the test's own configuration").isEmpty();
    return WireTesting.runWithDefaults(vertx, kind, parsed.spec(), env, TIMEOUT);
  }
}
