package dev.golive.probe.promql;

import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One {@code GET /api/v1/query} per run on the shared web client; never blocks. */
final class PromqlObserver implements Observer {
  private final PromqlSpec spec;
  private final ProbeEnvironment env;
  private final long budgetMs;
  private final String endpoint;
  private final WebClient client;

  PromqlObserver(PromqlSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.client = TlsClients.webClient(env, spec.tls(), timeout);
    long ms = timeout.toMillis();
    this.budgetMs = Math.max(1, ms - Math.min(250, ms / 10));
    String base = spec.url().replaceAll("/+$", "");
    this.endpoint = base.endsWith("/api/v1/query") ? base : base + "/api/v1/query";
    env.secrets().register(spec.password());
    env.secrets().register(spec.bearer());
  }

  @Override
  public Future<Observation> observe() {
    HttpRequest<Buffer> req = TlsClients.request(client, spec.tls(), HttpMethod.GET, endpoint)
        .addQueryParam("query", spec.query())
        .addQueryParam("timeout", budgetMs + "ms")
        .timeout(budgetMs)
        .putHeader("Accept", "application/json");
    spec.headers().forEach(req::putHeader);
    if (spec.user() != null) req.basicAuthentication(spec.user(), spec.password());
    if (spec.bearer() != null) req.bearerTokenAuthentication(spec.bearer());
    return Call.exchange(env.vertx(), req, null, Duration.ofMillis(budgetMs)).map(this::read);
  }

  private Observation read(HttpResponse<Buffer> resp) {
    JsonObject body;
    try {
      body = resp.bodyAsJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null || !body.containsKey("status")) {
      String text = resp.bodyAsString() == null ? "" : resp.bodyAsString().strip();
      throw new IllegalStateException("HTTP " + resp.statusCode() + " from " + endpoint + " is not a Prometheus API "
          + "answer" + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text)));
    }
    if (!"success".equals(body.getString("status"))) {
      throw new IllegalStateException("Prometheus rejected the query (HTTP " + resp.statusCode() + ", "
          + body.getString("errorType", "error") + "): " + body.getString("error", "no message"));
    }
    return observation(body.getJsonObject("data", new JsonObject()), spec.noData());
  }

  /** Reads {@code data} of a successful instant query. */
  static Observation observation(JsonObject data, PromqlSpec.NoData noData) {
    String type = data.getString("resultType", "");
    List<Map<String, Object>> series = new ArrayList<>();
    Observation.Builder b = Observation.builder();
    switch (type) {
      case "vector" -> {
        for (Object o : data.getJsonArray("result", new JsonArray())) {
          JsonObject s = (JsonObject) o;
          Object v = sample(s.getJsonArray("value"));
          if (v instanceof Double d && d.isNaN()) continue;
          Map<String, Object> labels = new TreeMap<>(s.getJsonObject("metric", new JsonObject()).getMap());
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("labels", Collections.unmodifiableMap(labels));
          entry.put("value", v);
          series.add(Collections.unmodifiableMap(entry));
        }
      }
      case "scalar", "string" -> {
        Object v = sample(data.getJsonArray("result"));
        if (!(v instanceof Double d && d.isNaN())) series.add(Map.of("labels", Map.of(), "value", v));
      }
      case "matrix" -> throw new IllegalStateException("the query returned a range vector; use an instant vector "
          + "(e.g. rate(x[5m]) or max_over_time(x[5m]) instead of x[5m])");
      default -> throw new IllegalStateException("unexpected resultType '" + type + "'");
    }
    if (series.isEmpty()) {
      if (noData == PromqlSpec.NoData.FAIL) throw new IllegalStateException("query returned no data");
      b.put("SERIES", 0).put("RESULT", List.of());
      if (noData == PromqlSpec.NoData.ZERO) b.put("VALUE", 0.0);
      return b.build();
    }
    Map<String, Object> top = series.get(0);
    for (Map<String, Object> s : series) {
      if (s.get("value") instanceof Double d && top.get("value") instanceof Double t && d > t) top = s;
    }
    return b.put("VALUE", top.get("value")).put("SERIES", series.size()).put("LABELS", top.get("labels"))
        .put("RESULT", List.copyOf(series)).build();
  }

  /** {@code [time, "1.5"]} to a Double ({@code NaN}, {@code +Inf} included), or the text of a string result. */
  private static Object sample(JsonArray pair) {
    if (pair == null || pair.size() < 2) throw new IllegalStateException("malformed sample " + pair);
    String text = String.valueOf(pair.getValue(1));
    try {
      return switch (text) {
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(text);
      };
    } catch (NumberFormatException e) {
      return text;
    }
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }
}
