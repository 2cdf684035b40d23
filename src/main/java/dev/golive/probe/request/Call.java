package dev.golive.probe.request;

import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import dev.golive.probe.tls.TlsSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** One HTTP request with a hard deadline, as the access and smoke probes send them. */
public final class Call {
  private Call() {}

  /**
   * Sends {@code request} to {@code url} with {@code headers} and an optional {@code body} (JSON content type when
   * it looks like JSON and none was given), through {@code client} made for {@code tls} ({@link TlsClients}).
   * Completes with the response, or fails with a short message (refused, timed out after...) once
   * {@code deadlineNanos} ({@link System#nanoTime()} clock) passes. Call on a Vert.x context.
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
    Promise<HttpResponse<Buffer>> promise = Promise.promise();
    long timer = vertx.setTimer(remainingMs,
        t -> promise.tryFail(new TimeoutException("no response within " + remainingMs + "ms")));
    Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendBuffer(Buffer.buffer(body));
    sent.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) promise.tryComplete(ar.result());
      else promise.tryFail(ar.cause());
    });
    return promise.future();
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
