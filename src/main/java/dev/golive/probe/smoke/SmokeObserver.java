package dev.golive.probe.smoke;

import java.util.Set;
import dev.golive.probe.tls.TlsClients;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.request.Call;
import dev.golive.probe.request.JsonPath;
import dev.golive.probe.request.RequestLine;
import dev.golive.probe.smoke.SmokeSpec.Extract;
import dev.golive.probe.smoke.SmokeSpec.Step;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Runs the steps one after the other. Regular steps share 70% of the probe's timeout when cleanup ({@code always})
 * steps exist (90% otherwise); cleanup steps may use up to 90%, so they still run after a step that hung. Every
 * extracted value is registered as a secret before anything is recorded, and evidence shows request templates,
 * statuses and reasons, never bodies or headers.
 */
final class SmokeObserver implements Observer {
  private final SmokeSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final boolean hasCleanup;
  private final WebClient client;

  SmokeObserver(SmokeSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    this.client = TlsClients.webClient(env, spec.tls(), timeout);
    this.hasCleanup = spec.steps().stream().anyMatch(Step::always);
  }

  /** The mutable state of one run; touched only on the observing context. */
  private static final class Run {
    final long start = System.nanoTime();
    final Map<String, String> vars = new HashMap<>();
    final Map<String, Object> steps = new LinkedHashMap<>();
    int passed;
    int failed;
    int skipped;
    String failedStep;
  }

  @Override
  public Future<Observation> observe() {
    Run run = new Run();
    return next(run, 0).map(v -> {
      Observation.Builder b = Observation.builder()
          .put(SmokeProbeKind.STEPS_PASSED, run.passed)
          .put(SmokeProbeKind.STEPS_FAILED, run.failed)
          .put(SmokeProbeKind.STEPS_SKIPPED, run.skipped)
          .put(SmokeProbeKind.STEPS, Collections.unmodifiableMap(run.steps))
          .put(SmokeProbeKind.RESPONSE_TIME, Duration.ofNanos(System.nanoTime() - run.start));
      if (run.failedStep != null) b.put(SmokeProbeKind.FAILED_STEP, run.failedStep);
      return b.build();
    });
  }

  private Future<Void> next(Run run, int index) {
    if (index >= spec.steps().size()) return Future.succeededFuture();
    Step step = spec.steps().get(index);
    if (run.failedStep != null && !step.always()) {
      skip(run, step, "skipped after " + run.failedStep + " failed");
      return next(run, index + 1);
    }
    Optional<String> missing = missingVariable(run, step);
    if (missing.isPresent()) {
      skip(run, step, "skipped: ${" + missing.get() + "} was not extracted");
      return next(run, index + 1);
    }
    long deadline = run.start + timeout.toNanos() * (hasCleanup && !step.always() ? 7 : 9) / 10;
    long t0 = System.nanoTime();
    String target = substitute(run, step.request().target());
    Map<String, String> headers = new LinkedHashMap<>();
    step.headers().forEach((k, v) -> headers.put(k, substitute(run, v)));
    String body = step.json() != null ? fill(run, step.json()).toString()
        : step.body() != null ? substitute(run, step.body()) : null;
    if (step.json() != null) headers.putIfAbsent("Content-Type", "application/json");
    RequestLine request = new RequestLine(step.request().method(), target);
    return Call.send(env.vertx(), client, spec.tls(), request, spec.url().resolve(target), headers, body, deadline)
        .transform(ar -> {
          Duration took = Duration.ofNanos(System.nanoTime() - t0);
          if (ar.failed()) {
            record(run, step, null, took, "no response (" + Call.describe(ar.cause(), spec.tls()) + ")");
          } else {
            HttpResponse<Buffer> response = ar.result();
            String problem = step.expect().matches(response.statusCode()) ? extract(run, step, response)
                : "expected " + step.expect() + ", got " + response.statusCode();
            record(run, step, response.statusCode(), took, problem);
          }
          return next(run, index + 1);
        });
  }

  /** Extracts the step's values into {@code run.vars} (registering them as secrets); a reason when one is missing. */
  private String extract(Run run, Step step, HttpResponse<Buffer> response) {
    Object json = null;
    for (Map.Entry<String, Extract> e : step.extract().entrySet()) {
      Extract x = e.getValue();
      String value;
      switch (x.source()) {
        case STATUS -> value = Integer.toString(response.statusCode());
        case HEADER -> value = response.getHeader(x.header());
        default -> {
          if (json == null) {
            try {
              json = JsonPath.parseJson(response.bodyAsString());
            } catch (IllegalArgumentException ex) {
              return "cannot extract " + e.getKey() + ": " + ex.getMessage();
            }
          }
          value = x.path().select(json).map(SmokeObserver::text).orElse(null);
        }
      }
      if (value == null) return "cannot extract " + e.getKey() + ": " + x.text() + " not found";
      env.secrets().register(value);
      run.vars.put(e.getKey(), value);
    }
    return null;
  }

  private static String text(Object v) {
    if (v instanceof JsonObject o) return o.encode();
    if (v instanceof JsonArray a) return a.encode();
    return String.valueOf(v);
  }

  private void record(Run run, Step step, Integer status, Duration took, String problem) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("request", step.request().toString());
    if (status != null) entry.put("status", status);
    entry.put("time", took);
    entry.put("result", problem == null ? "passed" : "failed: " + env.secrets().redact(problem));
    run.steps.put(step.name(), Collections.unmodifiableMap(entry));
    if (problem == null) {
      run.passed++;
    } else {
      run.failed++;
      if (run.failedStep == null) run.failedStep = step.name();
    }
  }

  private static void skip(Run run, Step step, String why) {
    run.steps.put(step.name(), Map.of("request", step.request().toString(), "result", why));
    run.skipped++;
  }

  private static Optional<String> missingVariable(Run run, Step step) {
    StringBuilder all = new StringBuilder(step.request().target());
    step.headers().values().forEach(all::append);
    if (step.body() != null) all.append(step.body());
    if (step.json() != null) all.append(step.json());
    Matcher m = SmokeProbeKind.VARIABLE.matcher(all);
    while (m.find()) {
      if (!run.vars.containsKey(m.group(1))) return Optional.of(m.group(1));
    }
    return Optional.empty();
  }

  private static String substitute(Run run, String text) {
    Matcher m = SmokeProbeKind.VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(run.vars.get(m.group(1))));
    m.appendTail(out);
    return out.toString();
  }

  /** A copy of a JSON template with variables substituted inside its strings (JSON escaping stays correct). */
  private static Object fill(Run run, Object template) {
    if (template instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), fill(run, e.getValue())));
      return out;
    }
    if (template instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(fill(run, v)));
      return out;
    }
    return template instanceof String s ? substitute(run, s) : template;
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }

  /** The first failed step and why, for a failed condition on {@code STEPS_FAILED}. */
  @Override
  public String reason(Set<String> placeholders, Observation o) {
    if (!placeholders.contains(SmokeProbeKind.STEPS_FAILED)) return null;
    Object step = o.get(SmokeProbeKind.FAILED_STEP).orElse(null);
    if (!(o.get(SmokeProbeKind.STEPS).orElse(null) instanceof Map<?, ?> steps)
        || !(steps.get(step) instanceof Map<?, ?> entry)) {
      return null;
    }
    return "step '" + step + "' (" + entry.get("request") + ") " + entry.get("result");
  }
}
