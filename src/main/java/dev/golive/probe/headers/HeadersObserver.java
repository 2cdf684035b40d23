package dev.golive.probe.headers;

import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.headers.HeadersSpec.Check;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GETs the page and, for the HTTPS redirect check, its plain-HTTP twin (in parallel, without following redirects).
 * The page request failing fails the observation; the HTTP twin failing is observed as {@code HTTPS_REDIRECT} false
 * with the reason in {@code HTTPS_REDIRECT_ERROR}.
 */
final class HeadersObserver implements Observer {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private final HeadersSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final WebClient client;

  HeadersObserver(HeadersSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    this.client = TlsClients.webClient(env, spec.tls(), timeout);
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }

  @Override
  public Future<Observation> observe() {
    Future<HttpResponse<Buffer>> page = send(request(spec.url()).followRedirects(spec.followRedirects()))
        .recover(e -> Future.failedFuture("GET " + spec.url() + " failed: " + message(e)));
    Future<Map<String, Object>> redirect = spec.has(Check.HTTPS_REDIRECT) ? redirect() : Future.succeededFuture(Map.of());
    return Future.all(page, redirect).map(all -> {
      HttpResponse<Buffer> r = page.result();
      Map<String, Object> values = HeaderAnalysis.analyze(r.statusCode(), r.headers(), spec);
      values.putAll(redirect.result());
      if (Boolean.FALSE.equals(values.get("HTTPS_REDIRECT"))) {
        @SuppressWarnings("unchecked")
        var missing = new ArrayList<>((List<String>) values.get("MISSING"));
        missing.add("redirect from " + spec.httpUrl() + " to https://");
        values.put("MISSING", List.copyOf(missing));
      }
      Observation.Builder b = Observation.builder();
      values.forEach(b::put);
      return b.build();
    });
  }

  private Future<Map<String, Object>> redirect() {
    return send(request(spec.httpUrl())).map(r -> {
      String location = r.getHeader("Location");
      boolean ok = REDIRECTS.contains(r.statusCode()) && location != null
          && location.strip().regionMatches(true, 0, "https://", 0, 8);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("HTTPS_REDIRECT", ok);
      v.put("HTTPS_REDIRECT_STATUS", r.statusCode());
      if (location != null) v.put("HTTPS_REDIRECT_LOCATION", location.strip());
      return v;
    }).otherwise(e -> Map.of("HTTPS_REDIRECT", false, "HTTPS_REDIRECT_ERROR",
        "GET " + spec.httpUrl() + " failed: " + message(e)));
  }

  private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> req) {
    return Call.exchange(env.vertx(), req, null, timeout);
  }

  private HttpRequest<Buffer> request(String url) {
    HttpRequest<Buffer> req = TlsClients.request(client, spec.tls(), HttpMethod.GET, url)
        .timeout(Math.max(1, timeout.toMillis()));
    spec.requestHeaders().forEach(req::putHeader);
    return req;
  }

  private String message(Throwable e) {
    return TlsFailures.message(e, spec.tls());
  }
}
