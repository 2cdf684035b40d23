package dev.golive.probe.webhook;

import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.webhook.WebhookSpec.Scheme;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the steps of a webhook check one after another (handshake, wrong token, genuine, forged, stale), each bounded
 * by what is left of the probe's timeout. Any request that gets no answer fails the observation with the step named;
 * URLs in messages are shown without their query, which holds the verify token.
 */
final class WebhookObserver implements Observer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final WebhookSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final WebClient client;

  WebhookObserver(WebhookSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    this.client = TlsClients.webClient(env, spec.tls());
    if (spec.verifyToken() != null) {
      env.secrets().register(spec.verifyToken());
      env.secrets().register(URLEncoder.encode(spec.verifyToken(), StandardCharsets.UTF_8));
    }
    env.secrets().register(spec.secret());
  }

  @Override
  public Future<Observation> observe() {
    Run run = new Run(System.nanoTime() + timeout.toNanos());
    Future<Void> f = Future.succeededFuture();
    if (spec.handshake()) {
      f = f.compose(v -> handshake(run));
      f = f.compose(v -> wrongToken(run));
    }
    if (spec.signed()) {
      f = f.compose(v -> genuine(run));
      f = f.compose(v -> forged(run));
      if (spec.timestamped()) f = f.compose(v -> stale(run));
    }
    return f.map(v -> {
      run.values.put("RESPONSE_TIME", Duration.ofNanos(run.slowest));
      Observation.Builder b = Observation.builder();
      run.values.forEach(b::put);
      return b.build();
    });
  }

  private Future<Void> handshake(Run run) {
    String challenge = challenge();
    return send(run, "handshake", HttpMethod.GET, handshakeUrl(spec.verifyToken(), challenge), Map.of(), null)
        .map(r -> {
          run.values.put("HANDSHAKE", r.statusCode() == 200 && body(r).strip().equals(challenge));
          run.values.put("HANDSHAKE_STATUS", r.statusCode());
          return null;
        });
  }

  private Future<Void> wrongToken(Run run) {
    String challenge = challenge();
    String wrong = "golive-wrong-" + challenge;
    return send(run, "wrong-token handshake", HttpMethod.GET, handshakeUrl(wrong, challenge), Map.of(), null)
        .map(r -> {
          run.values.put("WRONG_TOKEN_REFUSED", !(success(r.statusCode()) && body(r).contains(challenge)));
          run.values.put("WRONG_TOKEN_STATUS", r.statusCode());
          return null;
        });
  }

  private Future<Void> genuine(Run run) {
    long now = System.currentTimeMillis() / 1000;
    return post(run, "genuine delivery", spec.payload(), Signer.headers(spec, spec.payload(), now)).map(r -> {
      int status = r.statusCode();
      run.values.put("GENUINE_ACCEPTED", spec.acceptStatus().isEmpty() ? success(status)
          : spec.acceptStatus().contains(status));
      run.values.put("GENUINE_STATUS", status);
      return null;
    });
  }

  private Future<Void> forged(Run run) {
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> signedForOriginal = Signer.headers(spec, spec.payload(), now);
    return post(run, "tampered delivery", tamper(spec.payload()), signedForOriginal).map(r -> {
      run.values.put("FORGED_REFUSED", refused(r.statusCode()));
      run.values.put("FORGED_STATUS", r.statusCode());
      return null;
    });
  }

  private Future<Void> stale(Run run) {
    long then = System.currentTimeMillis() / 1000 - spec.tolerance().toSeconds() - 60;
    return post(run, "stale delivery", spec.payload(), Signer.headers(spec, spec.payload(), then)).map(r -> {
      run.values.put("STALE_REFUSED", refused(r.statusCode()));
      run.values.put("STALE_STATUS", r.statusCode());
      return null;
    });
  }

  private boolean refused(int status) {
    return !success(status) && !spec.acceptStatus().contains(status);
  }

  private static boolean success(int status) {
    return status >= 200 && status < 300;
  }

  private Future<HttpResponse<Buffer>> post(Run run, String step, String body, Map<String, String> signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (spec.scheme() == Scheme.GITHUB) {
      headers.put("X-GitHub-Event", "ping");
      headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
    }
    headers.putAll(signature);
    return send(run, step, HttpMethod.POST, spec.url(), headers, body);
  }

  private Future<HttpResponse<Buffer>> send(Run run, String step, HttpMethod method, String url,
      Map<String, String> headers, String body) {
    long remainingMs = (run.deadline - System.nanoTime()) / 1_000_000;
    String shown = method + " " + withoutQuery(url);
    if (remainingMs <= 0) {
      return Future.failedFuture("webhook " + step + ": no time left for " + shown + " within the probe's timeout");
    }
    HttpRequest<Buffer> req = TlsClients.request(client, spec.tls(), method, url).timeout(remainingMs);
    spec.headers().forEach(req::putHeader);
    headers.forEach(req::putHeader);
    long t0 = System.nanoTime();
    Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendBuffer(Buffer.buffer(body));
    return sent.<HttpResponse<Buffer>>map(r -> {
      run.slowest = Math.max(run.slowest, System.nanoTime() - t0);
      return r;
    }).recover(e -> Future.failedFuture(env.secrets().redact("webhook " + step + ": " + shown + " failed: "
        + TlsFailures.message(e, spec.tls()))));
  }

  private String handshakeUrl(String token, String challenge) {
    String sep = spec.url().contains("?") ? "&" : "?";
    return spec.url() + sep + "hub.mode=subscribe&hub.verify_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&hub.challenge=" + challenge;
  }

  static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String body(HttpResponse<Buffer> r) {
    return r.body() == null ? "" : r.bodyAsString();
  }

  /** Digits only, as Meta sends: some handlers parse the challenge as a number. */
  private static String challenge() {
    return Long.toString(1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L);
  }

  /** The payload with one field added (still JSON), so only the signature can tell it was changed. */
  static String tamper(String payload) {
    String p = payload.strip();
    if (p.startsWith("{") && p.endsWith("}")) {
      String inner = p.substring(1, p.length() - 1).strip();
      return inner.isEmpty() ? "{\"golive_tampered\":true}"
          : "{" + inner + ",\"golive_tampered\":true}";
    }
    return payload + " ";
  }

  /** One observation's state; touched only from the observing context, one step at a time. */
  private static final class Run {
    final long deadline;
    final Map<String, Object> values = new LinkedHashMap<>();
    long slowest;

    Run(long deadline) {
      this.deadline = deadline;
    }
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }
}
