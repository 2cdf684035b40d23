package dev.golive.probe.http;

import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends the configured request once per run. Succeeds with {@code STATUS}, {@code BODY} (first
 * {@value #MAX_BODY} bytes as UTF-8), {@code HEADER} (lower-case names; repeated headers joined with ", "),
 * {@code RESPONSE_TIME} (until the whole body arrived), {@code BODY_SIZE} (bytes received in all),
 * {@code BODY_TRUNCATED} (true when BODY holds only the first {@value #MAX_BODY} bytes) and {@code CONNECTED=true}. Fails with a clear message on refused connections, timeouts and TLS errors, unless
 * {@code connect-failure: observe}, where a failed connection is observed as {@code CONNECTED=false}.
 */
final class HttpObserver implements Observer {
  static final int MAX_BODY = 1024 * 1024;

  private final HttpSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final WebClient client;
  private final boolean ownClient;
  private final String host;
  private final int port;

  HttpObserver(HttpSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    URI url = spec.url();
    this.host = url.getHost();
    this.port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    this.ownClient = !spec.tls().isDefault() || spec.followRedirects();
    WebClientOptions options = new WebClientOptions().setUserAgent("golive").setFollowRedirects(false)
        .setKeepAlive(true).setMaxRedirects(spec.maxRedirects());
    TlsClients.apply(spec.tls(), options);
    this.client = ownClient ? WebClient.create(env.vertx(), options, new PoolOptions().setHttp1MaxSize(4))
        : env.webClient();
  }

  @Override
  public Future<Observation> observe() {
    long millis = Math.max(1, timeout.toMillis());
    HttpRequest<CappedBody.Body> request = client
        .requestAbs(HttpMethod.valueOf(spec.method()), spec.url().toString())
        .as(new CappedBody(MAX_BODY))
        .followRedirects(spec.followRedirects())
        .connectTimeout(millis)
        .timeout(millis);
    if (spec.tls().serverName() != null) request.virtualHost(spec.tls().serverName());
    if (spec.expectJson() && spec.headers().keySet().stream().noneMatch("accept"::equalsIgnoreCase)) {
      request.putHeader("Accept", "application/json");
    }
    spec.headers().forEach(request::putHeader);
    if (spec.basicUser() != null) request.basicAuthentication(spec.basicUser(), spec.basicPassword());
    if (spec.bearer() != null) request.bearerTokenAuthentication(spec.bearer());
    long t0 = System.nanoTime();
    Future<HttpResponse<CappedBody.Body>> sent = spec.body() == null
        ? request.send()
        : request.sendBuffer(Buffer.buffer(spec.body(), "UTF-8"));
    return sent.transform(ar -> {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      if (ar.succeeded()) return observed(ar.result(), took);
      Throwable cause = ar.cause();
      if (spec.observeConnectFailure() && HttpTargets.isConnectFailure(cause)) {
        return Future.succeededFuture(Observation.builder()
            .put("CONNECTED", false)
            .put("RESPONSE_TIME", took)
            .build());
      }
      return Future.failedFuture(HttpTargets.describe(cause, host, port, Durations.format(timeout), spec.tls()));
    });
  }

  private Future<Observation> observed(HttpResponse<CappedBody.Body> response, Duration took) {
    CappedBody.Body body = response.body();
    String text = body == null ? "" : body.data().toString(StandardCharsets.UTF_8);
    long size = body == null ? 0 : body.size();
    boolean truncated = body != null && body.truncated();
    if (spec.expectJson() && !truncated && !isJson(text)) {
      String type = response.getHeader("content-type");
      String start = text.length() > 120 ? text.substring(0, 120) + "..." : text;
      return Future.failedFuture(new IllegalStateException("HTTP " + response.statusCode() + " from " + host + ":"
          + port + ": expected a JSON body, got " + (type == null ? "no content type" : type) + ": "
          + env.secrets().redact(start.replace('\n', ' '))));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().forEach((k, v) -> headers.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + ", " + b));
    return Future.succeededFuture(Observation.builder()
        .put("CONNECTED", true)
        .put("STATUS", response.statusCode())
        .put("RESPONSE_TIME", took)
        .put("HEADER", headers)
        .put("BODY_SIZE", size)
        .put("BODY_TRUNCATED", truncated)
        .put("BODY", text)
        .build());
  }

  private static boolean isJson(String text) {
    if (text.isBlank()) return false;
    try {
      Json.decodeValue(text);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (ownClient) client.close();
  }

  /**
   * For a failed {@code STATUS} condition: nginx answers 400 when a required client certificate is missing or
   * refused, and says so only in the body.
   */
  @Override
  public String reason(Set<String> placeholders, Observation o) {
    if (!placeholders.contains("STATUS") || !Integer.valueOf(400).equals(o.get("STATUS").orElse(null))) return null;
    String body = String.valueOf(o.get("BODY").orElse(""));
    if (body.contains("No required SSL certificate was sent")) return TlsFailures.notSent(spec.tls());
    if (body.contains("The SSL certificate error")) {
      return "the server refused the client certificate " + spec.tls().clientCert();
    }
    return null;
  }
}
