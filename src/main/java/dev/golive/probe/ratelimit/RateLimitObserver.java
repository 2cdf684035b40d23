package dev.golive.probe.ratelimit;

import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.http.HttpTargets;
import dev.golive.probe.tls.TlsFailures;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends up to {@code max-requests} requests with {@code concurrency} workers until one is answered with a limited
 * status. No request starts once the request budget is spent, the limit was seen, or the time budget (the shorter of
 * {@code time-budget} and the probe's timeout, less a margin to report in time) ran out; requests in flight are bounded
 * by what remains of it. Fails only when a request errs before any limit was seen.
 */
final class RateLimitObserver implements Observer {
  private final RateLimitSpec spec;
  private final ProbeEnvironment env;
  private final Duration budget;
  /** Made at the first run, on its event loop (the observer may be built for its budget alone). */
  private WebClient client;

  RateLimitObserver(RateLimitSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    Duration margin = timeout.dividedBy(10).compareTo(Duration.ofMillis(500)) > 0 ? Duration.ofMillis(500)
        : timeout.dividedBy(10);
    Duration usable = timeout.minus(margin);
    this.budget = spec.timeBudget() != null && spec.timeBudget().compareTo(usable) < 0 ? spec.timeBudget() : usable;
  }

  /** The time budget actually used: the configured one, capped by the probe's timeout. */
  Duration budget() {
    return budget;
  }

  @Override
  public Future<Observation> observe() {
    if (client == null) client = TlsClients.webClient(env, spec.tls(), budget);
    Run run = new Run(System.nanoTime(), System.nanoTime() + budget.toNanos());
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < spec.concurrency(); i++) {
      Promise<Void> done = Promise.promise();
      next(run, done);
      workers.add(done.future());
    }
    return Future.join(workers).transform(ignored -> {
      if (!run.limited && run.error != null) return Future.failedFuture(run.error);
      return Future.succeededFuture(run.observation());
    });
  }

  /** Sends one request and, when it is answered, the next; completes {@code done} when a budget says stop. */
  private void next(Run run, Promise<Void> done) {
    long remainingMs = (run.deadline - System.nanoTime()) / 1_000_000;
    if (run.limited || run.error != null || run.sent >= spec.maxRequests() || remainingMs <= 0) {
      done.tryComplete();
      return;
    }
    int n = ++run.sent;
    HttpRequest<Buffer> req = TlsClients.request(client, spec.tls(), HttpMethod.valueOf(spec.method()), spec.url())
        .timeout(remainingMs);
    spec.headers().forEach(req::putHeader);
    Future<HttpResponse<Buffer>> f = Call.exchange(env.vertx(), req,
        spec.body() == null ? null : Buffer.buffer(spec.body()), Duration.ofMillis(remainingMs));
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        run.record(n, ar.result(), spec);
      } else if (System.nanoTime() < run.deadline && !HttpTargets.isVertxTimeout(ar.cause()) && run.error == null) {
        // a request's timeout is what is left of the time budget (in whole ms, so it may fire a little before the
        // deadline): its expiry is the budget running out, not a failure of the target
        run.error = spec.method() + " " + spec.url() + " (request " + n + ") failed: "
            + TlsFailures.message(ar.cause(), spec.tls());
      }
      next(run, done);
    });
  }

  /** Seconds or an HTTP date, as a wait from now; null when absent or unreadable. */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) return null;
    String h = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(now, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /**
   * One observation's state. Workers start on the observing context and the web client completes on it, so fields
   * are only touched from that one thread.
   */
  private static final class Run {
    final long started;
    final long deadline;
    final Map<String, Integer> statusCounts = new TreeMap<>();
    int sent;
    boolean limited;
    int untilLimited;
    int limitedStatus;
    String retryAfterHeader;
    String error;

    Run(long started, long deadline) {
      this.started = started;
      this.deadline = deadline;
    }

    void record(int n, HttpResponse<Buffer> r, RateLimitSpec spec) {
      statusCounts.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
      if (spec.limitedStatus().contains(r.statusCode()) && !limited) {
        limited = true;
        untilLimited = n;
        limitedStatus = r.statusCode();
        retryAfterHeader = r.getHeader("Retry-After");
      }
    }

    Observation observation() {
      Observation.Builder b = Observation.builder()
          .put("LIMITED", limited)
          .put("REQUESTS", sent)
          .put("STATUS_COUNTS", Collections.unmodifiableMap(new TreeMap<>(statusCounts)))
          .put("ELAPSED", Duration.ofNanos(System.nanoTime() - started));
      b.put("RETRY_AFTER_PRESENT", limited && retryAfterHeader != null);
      if (limited) {
        b.put("REQUESTS_UNTIL_LIMITED", untilLimited);
        b.put("LIMITED_STATUS", limitedStatus);
        b.put("RETRY_AFTER", retryAfter(retryAfterHeader, Instant.now()));
      }
      return b.build();
    }
  }

  @Override
  public void close() {
    if (client != null) TlsClients.release(env, client);
  }
}
