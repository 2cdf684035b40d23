package dev.golive.probe.metrics;

import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.http.HttpTargets;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scrapes once per run. Succeeds with {@code SERIES} (matching series), {@code LABELS} (the first match's labels)
 * and {@code VALUE} (the aggregate of the matching values); {@code VALUE} is absent when nothing matched. With
 * {@code rate: true}, {@code VALUE} aggregates each series' per-second increase since the previous scrape (a
 * counter that went down counts as reset to zero) and is absent on the first scrape. Fails on HTTP errors,
 * refused connections and timeouts.
 */
final class MetricsObserver implements Observer {
  private final MetricsSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final MatchingLines codec;
  private final String host;
  private final int port;
  private Map<Map<String, String>, Double> previous;
  private long previousAt;

  private final WebClient client;

  MetricsObserver(MetricsSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.client = TlsClients.webClient(env, spec.tls(), timeout);
    this.timeout = timeout;
    this.codec = new MatchingLines(spec.metric(), spec.labels());
    URI url = spec.url();
    this.host = url.getHost();
    this.port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  @Override
  public Future<Observation> observe() {
    long millis = Math.max(1, timeout.toMillis());
    HttpRequest<List<Sample>> request = TlsClients.request(client, spec.tls(), HttpMethod.GET, spec.url().toString())
        .as(codec)
        .putHeader("Accept", "text/plain;version=0.0.4;q=0.9,*/*;q=0.1")
        .connectTimeout(millis)
        .timeout(millis);
    spec.headers().forEach(request::putHeader);
    if (spec.bearer() != null) request.bearerTokenAuthentication(spec.bearer());
    return Call.exchange(env.vertx(), request, null, Duration.ofMillis(millis)).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(HttpTargets.describe(ar.cause(), host, port, Durations.format(timeout),
            spec.tls()));
      }
      HttpResponse<List<Sample>> response = ar.result();
      if (response.statusCode() != 200) {
        return Future.failedFuture(new IllegalStateException("HTTP " + response.statusCode() + " from "
            + env.secrets().redact(spec.url().toString())));
      }
      return Future.succeededFuture(observe(response.body(), System.nanoTime()));
    });
  }

  /** Turns one scrape's matching samples into an observation, remembering them for the next rate. */
  Observation observe(List<Sample> samples, long nanoTime) {
    Map<Map<String, String>, Double> current = new LinkedHashMap<>();
    for (Sample s : samples) current.putIfAbsent(s.labels(), s.value());
    Observation.Builder b = Observation.builder().put("SERIES", current.size());
    if (!samples.isEmpty()) b.put("LABELS", new TreeMap<>(samples.get(0).labels()));
    List<Double> values = new ArrayList<>();
    if (spec.rate()) {
      if (previous != null) {
        double seconds = (nanoTime - previousAt) / 1e9;
        current.forEach((labels, v) -> {
          Double before = previous.get(labels);
          if (before != null && seconds > 0) values.add((v >= before ? v - before : v) / seconds);
        });
      }
      previous = current;
      previousAt = nanoTime;
    } else {
      values.addAll(current.values());
    }
    if (!values.isEmpty()) {
      b.put("VALUE", spec.aggregate().apply(values.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return b.build();
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }
}
