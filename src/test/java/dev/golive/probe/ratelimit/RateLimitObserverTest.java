package dev.golive.probe.ratelimit;

import static dev.golive.probe.WireTesting.observe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitObserverTest {
  private static final RateLimitProbeKind KIND = new RateLimitProbeKind();
  private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
  private static final Map<String, TokenBucket> BUCKETS = new ConcurrentHashMap<>();
  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static int port;

  /** A token bucket that refills slowly: {@code capacity} requests pass, then 429 until a token returns. */
  static final class TokenBucket {
    private final int capacity;
    private final long refillNanos;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(int capacity, Duration refillEvery) {
      this.capacity = capacity;
      this.refillNanos = refillEvery.toNanos();
      this.tokens = capacity;
    }

    synchronized boolean take() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (double) (now - last) / refillNanos);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router r = Router.router(vertx);
    r.route("/limited/:name").handler(ctx -> {
      count(ctx);
      TokenBucket bucket = BUCKETS.computeIfAbsent(ctx.pathParam("name"), n -> new TokenBucket(10, Duration.ofSeconds(60)));
      if (bucket.take()) ctx.response().end("ok");
      else ctx.response().setStatusCode(429).putHeader("Retry-After", "60").end("slow down");
    });
    r.route("/limited-no-header/:name").handler(ctx -> {
      count(ctx);
      TokenBucket bucket = BUCKETS.computeIfAbsent(ctx.pathParam("name"), n -> new TokenBucket(5, Duration.ofSeconds(60)));
      if (bucket.take()) ctx.response().end("ok");
      else ctx.response().setStatusCode(429).end("slow down");
    });
    r.route("/unlimited/:name").handler(ctx -> {
      count(ctx);
      ctx.response().end("ok");
    });
    r.route("/slow/:name").handler(ctx -> {
      count(ctx);
      vertx.setTimer(200, t -> ctx.response().end("ok"));
    });
    port = WireTesting.serve(vertx, r);
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
  }

  private static void count(RoutingContext ctx) {
    HITS.computeIfAbsent(ctx.request().path(), p -> new AtomicInteger()).incrementAndGet();
  }

  private static int hits(String path) {
    return HITS.getOrDefault(path, new AtomicInteger()).get();
  }

  @AfterAll
  static void stop() {
    env.close();
    vertx.close();
  }

  private static Observation check(String path, String extra, Duration timeout) throws Exception {
    var parsed = WireTesting.parse(KIND, "rate-limit: { url: \"http://127.0.0.1:" + port + path + "\"" + extra + " }",
        Map.of());
    assertThat(parsed.problems()).isEmpty();
    return observe(vertx, KIND.observer(parsed.spec(), env, timeout));
  }

  @Test
  void tokenBucketLimitIsFoundWithinBudget() throws Exception {
    Observation o = check("/limited/a", ", require-retry-after: true", WireTesting.GENEROUS);
    assertThat(o.values()).containsEntry("LIMITED", true).containsEntry("LIMITED_STATUS", 429)
        .containsEntry("RETRY_AFTER_PRESENT", true).containsEntry("RETRY_AFTER", Duration.ofSeconds(60));
    int until = (Integer) o.get("REQUESTS_UNTIL_LIMITED").orElseThrow();
    assertThat(until).isBetween(11, 11 + RateLimitProbeKind.DEFAULT_CONCURRENCY - 1);
    assertThat(hits("/limited/a")).isEqualTo((Integer) o.get("REQUESTS").orElseThrow())
        .isLessThan(11 + RateLimitProbeKind.DEFAULT_CONCURRENCY);
  }

  @Test
  void missingRetryAfterIsObserved() throws Exception {
    Observation o = check("/limited-no-header/b", ", concurrency: 1", WireTesting.GENEROUS);
    assertThat(o.values()).containsEntry("LIMITED", true).containsEntry("REQUESTS_UNTIL_LIMITED", 6)
        .containsEntry("REQUESTS", 6).containsEntry("RETRY_AFTER_PRESENT", false).doesNotContainKey("RETRY_AFTER");
    assertThat(hits("/limited-no-header/b")).isEqualTo(6);
  }

  @Test
  void endpointThatNeverLimitsGetsExactlyTheRequestBudget() throws Exception {
    Observation o = check("/unlimited/c", ", max-requests: 37, concurrency: 8", WireTesting.GENEROUS);
    assertThat(o.values()).containsEntry("LIMITED", false).containsEntry("REQUESTS", 37)
        .containsEntry("RETRY_AFTER_PRESENT", false).doesNotContainKey("REQUESTS_UNTIL_LIMITED")
        .containsEntry("STATUS_COUNTS", Map.of("200", 37));
    assertThat(hits("/unlimited/c")).isEqualTo(37);
  }

  @Test
  void defaultRequestBudgetIsAHundred() throws Exception {
    Observation o = check("/unlimited/d", "", WireTesting.GENEROUS);
    assertThat(o.values()).containsEntry("REQUESTS", 100);
    assertThat(hits("/unlimited/d")).isEqualTo(100);
  }

  @Test
  void timeBudgetStopsASlowEndpointBeforeTheProbeTimeout() throws Exception {
    long t0 = System.nanoTime();
    Observation o = check("/slow/e", ", max-requests: 1000, concurrency: 2, time-budget: 1s", WireTesting.GENEROUS);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(o.values()).containsEntry("LIMITED", false);
    // two workers, 200 ms per answer, one second: about ten requests, never a thousand
    assertThat(hits("/slow/e")).isEqualTo((Integer) o.get("REQUESTS").orElseThrow()).isBetween(2, 12);
  }

  @Test
  void probeTimeoutCapsALongerTimeBudget() throws Exception {
    long t0 = System.nanoTime();
    Observation o = check("/slow/f", ", max-requests: 1000, concurrency: 1, time-budget: 1h", Duration.ofMillis(800));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(hits("/slow/f")).isEqualTo((Integer) o.get("REQUESTS").orElseThrow()).isBetween(1, 4);
  }

  @Test
  void refusedConnectionFailsTheObservation() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    var parsed = WireTesting.parse(KIND, "rate-limit: { url: \"http://127.0.0.1:" + closed + "/x\" }", Map.of());
    assertThat(WireTesting.failure(vertx, KIND.observer(parsed.spec(), env, Duration.ofSeconds(3))))
        .contains("GET http://127.0.0.1:" + closed + "/x (request ", "failed");
  }

  @Test
  void retryAfterReadsSecondsAndDates() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    assertThat(RateLimitObserver.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RateLimitObserver.retryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RateLimitObserver.retryAfter("soon", now)).isNull();
    assertThat(RateLimitObserver.retryAfter(null, now)).isNull();
  }

  @Test
  void defaultConditionsPassALimitedEndpointAndFailAnUnlimitedOne() throws Exception {
    var limited = WireTesting.parse(KIND, "rate-limit: { url: \"http://127.0.0.1:" + port + "/limited/g\", "
        + "require-retry-after: true }", Map.of());
    var passed = WireTesting.runWithDefaults(vertx, KIND, limited.spec(), env, WireTesting.GENEROUS);
    assertThat(passed.success()).as(passed.summary()).isTrue();
    var unlimited = WireTesting.parse(KIND, "rate-limit: { url: \"http://127.0.0.1:" + port + "/unlimited/h\", "
        + "max-requests: 20 }", Map.of());
    var failed = WireTesting.runWithDefaults(vertx, KIND, unlimited.spec(), env, WireTesting.GENEROUS);
    assertThat(failed.success()).isFalse();
    assertThat(failed.summary()).contains("[LIMITED]", "false");
    assertThat(hits("/unlimited/h")).isEqualTo(20);
  }
}
