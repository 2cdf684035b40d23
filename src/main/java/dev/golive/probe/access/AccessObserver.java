package dev.golive.probe.access;

import java.util.Set;
import dev.golive.probe.tls.TlsClients;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.request.Bounded;
import dev.golive.probe.request.Call;
import dev.golive.probe.request.JsonPath;
import dev.golive.probe.request.RequestLine;
import dev.golive.probe.request.StatusSet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends every (credential, route) pair of the matrix and every scope query, at most {@code concurrency} at a time,
 * all within the probe's timeout. A wrong status or a failed request is a violation; a row of another tenant is a
 * leak; a probe-level failure is left to the caller's timeout. Secrets never reach the messages.
 */
final class AccessObserver implements Observer {
  private static final int MAX_VALUE = 80;

  private final AccessSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final WebClient client;

  AccessObserver(AccessSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    this.client = TlsClients.webClient(env, spec.tls(), timeout);
    spec.credentials().values().forEach(c -> c.secrets().forEach(env.secrets()::register));
  }

  /** What one request found: violations and leaks, as user-facing lines. */
  private record Finding(List<String> violations, List<String> leaks) {}

  @Override
  public Future<Observation> observe() {
    long deadline = System.nanoTime() + timeout.toNanos() * 9 / 10;
    List<Supplier<Future<Finding>>> tasks = new ArrayList<>();
    for (AccessSpec.Route route : spec.routes()) {
      route.expect().forEach((who, statuses) -> tasks.add(() -> checkRoute(route, who, statuses, deadline)));
    }
    for (AccessSpec.Scope scope : spec.scope()) {
      tasks.add(() -> checkScope(scope, deadline));
    }
    return Bounded.all(tasks, spec.concurrency()).map(findings -> {
      List<String> violations = new ArrayList<>();
      List<String> leaks = new ArrayList<>();
      for (Finding f : findings) {
        f.violations().forEach(v -> violations.add(env.secrets().redact(v)));
        f.leaks().forEach(l -> leaks.add(env.secrets().redact(l)));
      }
      return Observation.builder()
          .put(AccessProbeKind.VIOLATIONS, List.copyOf(violations))
          .put(AccessProbeKind.VIOLATION_COUNT, violations.size())
          .put(AccessProbeKind.LEAKS, List.copyOf(leaks))
          .put(AccessProbeKind.LEAK_COUNT, leaks.size())
          .put(AccessProbeKind.CHECKS, tasks.size())
          .build();
    });
  }

  private Future<HttpResponse<Buffer>> send(String who, RequestLine request, Map<String, String> extra, String body,
      long deadline) {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.putAll(spec.credentials().get(who).headers());
    return Call.send(env.vertx(), client, spec.tls(), request, spec.url().resolve(request.target()), headers, body,
        deadline);
  }

  private Future<Finding> checkRoute(AccessSpec.Route route, String who, StatusSet expected, long deadline) {
    String label = who + " " + route.request();
    return send(who, route.request(), route.headers(), route.body(), deadline).transform(ar -> {
      if (ar.failed()) {
        return found(label + " → no response (" + Call.describe(ar.cause(), spec.tls()) + "), expected " + expected,
            null);
      }
      int status = ar.result().statusCode();
      return expected.matches(status) ? found(null, null)
          : found(label + " → " + status + ", expected " + expected, null);
    });
  }

  private Future<Finding> checkScope(AccessSpec.Scope scope, long deadline) {
    String label = scope.as() + " " + scope.request();
    return send(scope.as(), scope.request(), scope.headers(), scope.body(), deadline).transform(ar -> {
      if (ar.failed()) return found(label + " → no response (" + Call.describe(ar.cause(), spec.tls()) + ")", null);
      HttpResponse<Buffer> response = ar.result();
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        return found(label + " → " + response.statusCode() + ", expected 2xx", null);
      }
      Object json;
      try {
        json = JsonPath.parseJson(response.bodyAsString());
      } catch (IllegalArgumentException e) {
        return found(label + ": " + e.getMessage(), null);
      }
      Optional<Object> rows = scope.rows().select(json);
      if (rows.isEmpty() || !(rows.get() instanceof JsonArray list)) {
        return found(label + ": " + (scope.rows().text().isEmpty() ? "the body" : scope.rows().text())
            + (rows.isEmpty() ? " is missing" : " is not a list"), null);
      }
      List<String> leaks = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Optional<Object> value = scope.field().select(list.getValue(i));
        if (value.isEmpty()) {
          leaks.add(label + " row " + i + ": " + scope.field() + " missing, expected " + scope.equals());
        } else if (!scope.equals().equals(scalar(value.get()))) {
          leaks.add(label + " row " + i + ": " + scope.field() + " = " + shorten(scalar(value.get())) + ", expected "
              + scope.equals());
        }
      }
      List<String> violations = new ArrayList<>();
      if (list.size() < scope.minRows()) {
        violations.add(label + " returned " + list.size() + " rows, expected at least " + scope.minRows()
            + " (an empty answer proves nothing)");
      }
      return Future.succeededFuture(new Finding(violations, leaks));
    });
  }

  private static String scalar(Object v) {
    return v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue())
        : String.valueOf(v);
  }

  private static String shorten(String s) {
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "..." : s;
  }

  private static Future<Finding> found(String violation, String leak) {
    return Future.succeededFuture(new Finding(violation == null ? List.of() : List.of(violation),
        leak == null ? List.of() : List.of(leak)));
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }

  /** The first violation (or leak), for a failed condition on their count. */
  @Override
  public String reason(Set<String> placeholders, Observation o) {
    for (String[] pair : new String[][] {{AccessProbeKind.VIOLATION_COUNT, AccessProbeKind.VIOLATIONS},
        {AccessProbeKind.LEAK_COUNT, AccessProbeKind.LEAKS}}) {
      if (placeholders.contains(pair[0]) && o.get(pair[1]).orElse(null) instanceof List<?> found && !found.isEmpty()) {
        return found.get(0) + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "");
      }
    }
    return null;
  }
}
