package dev.golive.probe.request;

import dev.golive.config.Durations;
import dev.golive.probe.http.HttpTargets;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import dev.golive.probe.tls.TlsSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.Address;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.HttpContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * HTTP requests with a hard deadline, as every probe kind but {@code http} sends them (access, smoke, headers, cors,
 * webhook, rate-limit, metrics, promql): {@link #exchange} is the one place where a request's phase is tracked and a
 * timeout is worded ({@code no response from host:port within 5s (connecting after 5.0s)}, see
 * {@link HttpTargets#timeout}). The phase comes from the web client's interceptor {@link #track}, installed on every
 * web client probes use ({@code ProbeEnvironment}, {@link TlsClients#webClient}).
 */
public final class Call {
  private static final String KEY = "golive.call";
  /** The exchange whose request is being sent on this thread: the interceptor picks it up as the request starts. */
  private static final ThreadLocal<Exchange> SENDING = new ThreadLocal<>();

  private Call() {}

  /** Where one request is; written by the interceptor, read by the timer, both on the request's context. */
  private static final class Exchange {
    final long start = System.nanoTime();
    String where;
    boolean tls;
    /** 0 connecting (and, for https, the TLS handshake), 1 waiting for the response head, 2 reading the body. */
    int phase;
    HttpClientRequest request;

    String doing() {
      return switch (phase) {
        case 0 -> tls ? "connecting or in the TLS handshake" : "connecting";
        case 1 -> "waiting for the response";
        default -> "reading the body";
      };
    }
  }

  /**
   * Sends {@code req} (with {@code body} when not null) and completes with the response, or fails once
   * {@code timeout} has passed with a {@link HttpTargets.NamedTimeout} naming host:port and the phase the request was
   * in (the request's own Vert.x timeout, if it fires first, is worded the same); the timed-out request is reset and
   * its connection closed. Other failures pass as they are. Call on a Vert.x context, with a web client that has
   * {@link #track} (without it, every timeout says {@code connecting}).
   */
  public static <T> Future<HttpResponse<T>> exchange(Vertx vertx, HttpRequest<T> req, Buffer body, Duration timeout) {
    Exchange x = new Exchange();
    x.where = req.host() + ":" + req.port();
    x.tls = Boolean.TRUE.equals(req.ssl());
    Promise<HttpResponse<T>> promise = Promise.promise();
    String limit = Durations.format(timeout);
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), t -> {
      if (promise.tryFail(timedOut(x, limit))) abort(x);
    });
    Future<HttpResponse<T>> sent;
    SENDING.set(x);
    try {
      sent = body == null ? req.send() : req.sendBuffer(body);
    } finally {
      SENDING.remove();
    }
    sent.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        promise.tryComplete(ar.result());
      } else {
        Throwable cause = ar.cause();
        boolean timeoutLike = cause instanceof TimeoutException
            || HttpTargets.isVertxTimeout(cause) && !(cause instanceof SSLException); // a TLS reason stays one
        promise.tryFail(timeoutLike ? timedOut(x, limit) : cause);
      }
    });
    return promise.future();
  }

  private static TimeoutException timedOut(Exchange x, String limit) {
    return HttpTargets.timeout(x.where, limit, x.doing(), System.nanoTime() - x.start, x.phase == 2, null);
  }

  private static void abort(Exchange x) {
    HttpClientRequest r = x.request;
    if (r == null) return;
    HttpConnection connection = r.connection();
    r.reset();
    if (connection != null) connection.close();
  }

  /**
   * The web-client interceptor that follows each {@link #exchange}'s request through its phases: connecting until
   * the client hands over a connection, then waiting for the response, then reading the body; a redirect starts
   * over, at its own host:port. Install it on every web client probes send through.
   */
  public static void track(HttpContext<?> ctx) {
    Exchange x;
    switch (ctx.phase()) {
      case PREPARE_REQUEST -> {
        x = SENDING.get();
        if (x != null) ctx.set(KEY, x);
      }
      case CREATE_REQUEST -> {
        x = ctx.get(KEY);
        if (x != null) {
          x.phase = 0;
          x.request = null;
          RequestOptions o = ctx.requestOptions();
          Address server = o.getServer();
          if (server instanceof SocketAddress a && a.host() != null) x.where = a.host() + ":" + a.port();
          else if (o.getHost() != null && o.getPort() != null) x.where = o.getHost() + ":" + o.getPort();
          if (o.isSsl() != null) x.tls = o.isSsl();
        }
      }
      case SEND_REQUEST -> {
        x = ctx.get(KEY);
        if (x != null) {
          x.phase = 1;
          x.request = ctx.clientRequest();
        }
      }
      case RECEIVE_RESPONSE -> {
        x = ctx.get(KEY);
        if (x != null) x.phase = 2;
      }
      default -> { }
    }
    ctx.next();
  }

  /**
   * Sends {@code request} to {@code url} with {@code headers} and an optional {@code body} (JSON content type when
   * it looks like JSON and none was given), through {@code client} made for {@code tls} ({@link TlsClients}).
   * Completes with the response, or fails with a short message (refused, a timeout naming host:port and the phase)
   * once {@code deadlineNanos} ({@link System#nanoTime()} clock) passes ({@link #exchange}). Call on a Vert.x
   * context.
   */
  public static Future<HttpResponse<Buffer>> send(Vertx vertx, WebClient client, TlsSettings tls, RequestLine request,
      String url, Map<String, String> headers, String body, long deadlineNanos) {
    long remainingMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    HttpRequest<Buffer> req = TlsClients.request(client, tls, request.method(), url).timeout(remainingMs);
    boolean typed = false;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      req.putHeader(h.getKey(), h.getValue());
      typed |= h.getKey().equalsIgnoreCase("content-type");
    }
    if (body != null && !typed) {
      String t = body.stripLeading();
      if (t.startsWith("{") || t.startsWith("[")) req.putHeader("Content-Type", "application/json");
    }
    return exchange(vertx, req, body == null ? null : Buffer.buffer(body), Duration.ofMillis(remainingMs));
  }

  /** A short description of why a request failed, for evidence: {@code connection refused}, {@code timed out}. */
  public static String describe(Throwable t, TlsSettings tls) {
    String m = t.getMessage();
    String type = t.getClass().getSimpleName();
    if (t instanceof TimeoutException) return m;
    String reason = TlsFailures.reason(t, tls);
    if (reason != null) return "TLS: " + reason;
    if (m == null || m.isBlank()) return type;
    if (m.toLowerCase().contains("connection refused")) return "connection refused";
    return m.length() > 160 ? m.substring(0, 160) + "..." : m;
  }
}
