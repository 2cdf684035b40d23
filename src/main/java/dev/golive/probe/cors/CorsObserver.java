package dev.golive.probe.cors;

import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** Sends both preflights in parallel; either failing to get an answer fails the observation. */
final class CorsObserver implements Observer {
  private static final Set<String> SAFELISTED_METHODS = Set.of("GET", "HEAD", "POST");
  private final CorsSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final WebClient client;

  CorsObserver(CorsSpec spec, ProbeEnvironment env, Duration timeout) {
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
    Future<HttpResponse<Buffer>> own = preflight(spec.origin());
    Future<HttpResponse<Buffer>> foreign = preflight(spec.foreignOrigin());
    return Future.all(own, foreign).map(all -> observation(own.result(), foreign.result()));
  }

  private Observation observation(HttpResponse<Buffer> own, HttpResponse<Buffer> foreign) {
    Observation.Builder b = Observation.builder();
    String acao = header(own, "Access-Control-Allow-Origin");
    boolean credentials = "true".equalsIgnoreCase(header(own, "Access-Control-Allow-Credentials"));
    boolean wildcard = "*".equals(acao);
    b.put("PREFLIGHT_STATUS", own.statusCode());
    b.put("ALLOW_ORIGIN", acao);
    b.put("ORIGIN_ALLOWED", spec.origin().equalsIgnoreCase(acao) || (wildcard && !credentials));
    b.put("ALLOW_CREDENTIALS", credentials);
    String methods = header(own, "Access-Control-Allow-Methods");
    b.put("ALLOW_METHODS", methods);
    b.put("METHOD_ALLOWED", SAFELISTED_METHODS.contains(spec.method()) || listed(methods, spec.method(), credentials));
    String allowHeaders = header(own, "Access-Control-Allow-Headers");
    b.put("ALLOW_HEADERS", allowHeaders);
    if (!spec.requestHeaders().isEmpty()) {
      b.put("HEADERS_ALLOWED", spec.requestHeaders().stream().allMatch(h -> listed(allowHeaders, h, credentials)));
    }
    String vary = String.join(",", own.headers().getAll("Vary")).toLowerCase(Locale.ROOT);
    b.put("VARY_ORIGIN", vary.contains("origin") || vary.contains("*"));

    String facao = header(foreign, "Access-Control-Allow-Origin");
    boolean fcredentials = "true".equalsIgnoreCase(header(foreign, "Access-Control-Allow-Credentials"));
    boolean fwildcard = "*".equals(facao);
    b.put("FOREIGN_STATUS", foreign.statusCode());
    b.put("FOREIGN_ALLOW_ORIGIN", facao);
    boolean echoed = spec.foreignOrigin().equalsIgnoreCase(facao);
    b.put("FOREIGN_ECHOED", echoed);
    b.put("FOREIGN_ALLOWED", echoed || fwildcard);
    b.put("WILDCARD", wildcard || fwildcard);
    b.put("WILDCARD_WITH_CREDENTIALS", (wildcard && credentials) || (fwildcard && fcredentials));
    return b.build();
  }

  /** Whether a comma-separated allow list names {@code value}; {@code *} counts only without credentials. */
  private static boolean listed(String list, String value, boolean credentials) {
    if (list == null) return false;
    return Arrays.stream(list.split(",")).map(String::strip)
        .anyMatch(x -> x.equalsIgnoreCase(value) || (x.equals("*") && !credentials));
  }

  private static String header(HttpResponse<Buffer> r, String name) {
    String v = r.getHeader(name);
    return v == null ? null : v.strip();
  }

  private Future<HttpResponse<Buffer>> preflight(String origin) {
    HttpRequest<Buffer> req = TlsClients.request(client, spec.tls(), HttpMethod.OPTIONS, spec.url())
        .timeout(Math.max(1, timeout.toMillis()));
    spec.headers().forEach(req::putHeader);
    req.putHeader("Origin", origin).putHeader("Access-Control-Request-Method", spec.method());
    if (!spec.requestHeaders().isEmpty()) {
      req.putHeader("Access-Control-Request-Headers", String.join(",", spec.requestHeaders()).toLowerCase(Locale.ROOT));
    }
    return Call.exchange(env.vertx(), req, null, timeout).recover(e -> Future.failedFuture("preflight OPTIONS " + spec.url() + " as " + origin + " failed: "
        + TlsFailures.message(e, spec.tls())));
  }
}
