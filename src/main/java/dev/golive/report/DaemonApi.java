package dev.golive.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.golive.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a running daemon's JSON API. Blocking (plain {@link HttpClient}): used by the CLI only, never on an event
 * loop. Each request is bounded by {@code timeout}. An unreachable daemon fails with exit code 1; a missing plan or
 * item (404) with exit code 2.
 */
final class DaemonApi {
  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final String token;

  /** @param token sent as a bearer token with every request (a daemon that requires one for reads); may be null */
  DaemonApi(String url, Duration timeout, String token) throws ReportException {
    this.token = token == null || token.isBlank() ? null : token.trim();
    try {
      URI u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
      this.base = u;
    } catch (IllegalArgumentException e) {
      throw new ReportException("--url must be the daemon's http(s) address, like http://127.0.0.1:8080, got '"
          + url + "'", 2);
    }
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI base() {
    return base;
  }

  /** GET {@code /api/...}; path segments in {@code parts} are URL-encoded. */
  JsonNode get(String... parts) throws ReportException {
    StringBuilder path = new StringBuilder("/api");
    for (String p : parts) path.append('/').append(URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20"));
    URI uri = URI.create(base + path.toString());
    HttpResponse<String> r;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
      if (token != null) request.header("Authorization", "Bearer " + token);
      r = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ReportException("cannot reach the golive daemon at " + base + " ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportException("interrupted while reading " + uri, 1);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new ReportException(uri + " did not answer JSON (HTTP " + r.statusCode() + "); is this golive?", 1);
    }
    if (r.statusCode() == 401) {
      throw new ReportException("the daemon at " + base + " requires a token to read ("
          + body.path("error").asText("401") + "): pass --token-file FILE or set GOLIVE_READ_TOKEN", 2);
    }
    if (r.statusCode() == 404) throw new ReportException(body.path("error").asText("not found: " + uri), 2);
    if (r.statusCode() != 200) {
      throw new ReportException(uri + ": HTTP " + r.statusCode() + " " + body.path("error").asText(""), 1);
    }
    return body;
  }
}
