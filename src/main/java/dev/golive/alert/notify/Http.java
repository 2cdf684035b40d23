package dev.golive.alert.notify;

import dev.golive.alert.Notifier.Outcome;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** A JSON POST with a timeout, and the usual mapping of its answer to an {@link Outcome}. */
final class Http {
  private Http() {}

  /**
   * POSTs {@code body}; completes (never fails) with DELIVERED on 2xx, RETRY on connection errors, timeouts, 408,
   * 429 and 5xx (with the Retry-After hint when given), REJECTED on other answers.
   */
  static Future<Outcome> post(WebClient client, String url, Map<String, String> headers, String body,
      Duration timeout) {
    try {
      var request = client.postAbs(url).timeout(timeout.toMillis()).putHeader("Content-Type", "application/json");
      headers.forEach(request::putHeader);
      return request.sendBuffer(Buffer.buffer(body)).map(Http::classify)
          .otherwise(e -> Outcome.retry(describe(e), null));
    } catch (RuntimeException e) {
      return Future.succeededFuture(Outcome.rejected("cannot send: " + describe(e)));
    }
  }

  static Outcome classify(HttpResponse<Buffer> r) {
    int s = r.statusCode();
    if (s >= 200 && s < 300) return Outcome.delivered();
    String detail = "HTTP " + s + snippet(r);
    if (s == 408 || s == 429 || s >= 500) return Outcome.retry(detail, retryAfter(r.getHeader("Retry-After")));
    return Outcome.rejected(detail);
  }

  private static String snippet(HttpResponse<Buffer> r) {
    Buffer b = r.body();
    if (b == null || b.length() == 0) return "";
    String text = b.toString().replaceAll("\\s+", " ").strip();
    return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) return null;
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(java.time.Instant.now(),
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException ignored) {
        return null;
      }
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
