package dev.golive.probe.webhook;

import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsFailures;
import io.vertx.ext.web.client.WebClient;
import dev.golive.condition.Observation;
import dev.golive.config.Durations;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the steps of a webhook check one after another, each bounded by what is left of the probe's timeout: the
 * handshake and a wrong-token handshake ({@code meta}); then a genuine signed delivery and, only when the endpoint
 * accepted it, the attacks: unsigned, signed with a wrong secret, tampered body and (timestamped schemes) a replay with
 * a stale timestamp. A refused genuine delivery leaves the attacks unjudged (a refusal proves nothing when everything
 * is refused). Each value that breaks a claim carries a reason in words ({@link Observation#reason}). Any request
 * that gets no answer fails the observation with the step named; URLs are shown without their query (the token).
 */
final class WebhookObserver implements Observer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> ATTACKS = List.of("UNSIGNED_REFUSED", "FORGED_REFUSED", "TAMPERED_REFUSED",
      "REPLAY_REFUSED", "STALE_REFUSED");
  private final WebhookSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final WebClient client;

  WebhookObserver(WebhookSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    this.client = TlsClients.webClient(env, spec.tls(), timeout);
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
      f = f.compose(v -> run.genuineAccepted ? unsigned(run) : notJudged(run));
      f = f.compose(v -> run.genuineAccepted ? forged(run) : Future.succeededFuture());
      f = f.compose(v -> run.genuineAccepted ? tampered(run) : Future.succeededFuture());
      if (spec.timestamped()) f = f.compose(v -> run.genuineAccepted ? replay(run) : Future.succeededFuture());
    }
    return f.map(v -> {
      run.out.put("RESPONSE_TIME", Duration.ofNanos(run.slowest));
      return run.out.build();
    });
  }

  private Future<Void> handshake(Run run) {
    String challenge = challenge();
    return send(run, "handshake", HttpMethod.GET, handshakeUrl(spec.verifyToken(), challenge), Map.of(), null)
        .map(r -> {
          boolean ok = r.statusCode() == 200 && body(r).strip().equals(challenge);
          run.put("HANDSHAKE", ok, ok ? null : "the verification handshake with the configured verify-token got "
              + r.statusCode() + (r.statusCode() == 200 ? " without echoing hub.challenge" : ""));
          run.put("HANDSHAKE_STATUS", r.statusCode(), null);
          return null;
        });
  }

  private Future<Void> wrongToken(Run run) {
    String challenge = challenge();
    String wrong = "golive-wrong-" + challenge;
    return send(run, "wrong-token handshake", HttpMethod.GET, handshakeUrl(wrong, challenge), Map.of(), null)
        .map(r -> {
          boolean refused = !(success(r.statusCode()) && body(r).contains(challenge));
          run.put("WRONG_TOKEN_REFUSED", refused, refused ? null : "a handshake with a wrong verify-token got "
              + r.statusCode() + " and the challenge back: the endpoint subscribes anyone");
          run.put("WRONG_TOKEN_STATUS", r.statusCode(), null);
          return null;
        });
  }

  private Future<Void> genuine(Run run) {
    long now = System.currentTimeMillis() / 1000;
    return post(run, "genuine delivery", spec.payload(), Signer.headers(spec, spec.payload(), now)).map(r -> {
      int status = r.statusCode();
      run.genuineAccepted = spec.acceptStatus().isEmpty() ? success(status) : spec.acceptStatus().contains(status);
      run.genuineStatus = status;
      run.put("GENUINE_ACCEPTED", run.genuineAccepted, run.genuineAccepted ? null : genuineRefused(status));
      run.put("GENUINE_STATUS", status, null);
      return null;
    });
  }

  private String genuineRefused(int status) {
    String head = "the genuine signed delivery got " + status + ": ";
    if (status >= 500) return head + "the endpoint failed before the signature claim could be judged";
    if (success(status)) return head + "not one of accept-status " + spec.acceptStatus();
    return head + "the endpoint refused a correctly signed delivery (is it checking with the same secret?)";
  }

  /** The attacks are not sent: their placeholders have no value, and say why. */
  private Future<Void> notJudged(Run run) {
    String why = "not judged: the genuine signed delivery got " + run.genuineStatus
        + ", so a refusal would prove nothing";
    ATTACKS.forEach(p -> run.out.reason(p, why));
    return Future.succeededFuture();
  }

  private Future<Void> unsigned(Run run) {
    return post(run, "unsigned delivery", spec.payload(), Map.of()).map(r -> refusal(run, "UNSIGNED", r,
        "an unsigned delivery (no " + String.join(" or ", Signer.headers(spec, "", 0).keySet()) + " header) got "
            + r.statusCode() + ": the endpoint accepts deliveries nobody signed"));
  }

  private Future<Void> forged(Run run) {
    long now = System.currentTimeMillis() / 1000;
    String wrongSecret = "golive-wrong-secret-" + RANDOM.nextLong();
    return post(run, "forged delivery", spec.payload(), Signer.headers(spec, wrongSecret, spec.payload(), now))
        .map(r -> refusal(run, "FORGED", r, "a delivery signed with a wrong secret got " + r.statusCode()
            + ": the endpoint accepts any signature"));
  }

  private Future<Void> tampered(Run run) {
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> signedForOriginal = Signer.headers(spec, spec.payload(), now);
    return post(run, "tampered delivery", tamper(spec.payload()), signedForOriginal).map(r -> refusal(run,
        "TAMPERED", r, "a delivery whose body was changed after it was signed got " + r.statusCode()
            + ": the endpoint does not check the signature against the body it received"));
  }

  private Future<Void> replay(Run run) {
    long age = spec.tolerance().toSeconds() + 60;
    long then = System.currentTimeMillis() / 1000 - age;
    return post(run, "replayed delivery", spec.payload(), Signer.headers(spec, spec.payload(), then)).map(r -> {
      String why = "a correctly signed delivery with a timestamp " + Durations.format(Duration.ofSeconds(age))
          + " old (tolerance " + Durations.format(spec.tolerance()) + ") got " + r.statusCode()
          + ": the endpoint accepts replayed deliveries";
      refusal(run, "REPLAY", r, why);
      refusal(run, "STALE", r, why); // the earlier name of the same claim
      return null;
    });
  }

  private Void refusal(Run run, String claim, HttpResponse<Buffer> r, String whyNot) {
    boolean refused = refused(r.statusCode());
    run.put(claim + "_REFUSED", refused, refused ? null : whyNot);
    run.put(claim + "_STATUS", r.statusCode(), null);
    return null;
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
      headers.put("X-GitHub-Hook-ID", WebhookPayloads.GITHUB_HOOK_ID);
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
    Future<HttpResponse<Buffer>> sent = Call.exchange(env.vertx(), req, body == null ? null : Buffer.buffer(body),
        Duration.ofMillis(remainingMs));
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
    final Observation.Builder out = Observation.builder();
    long slowest;
    boolean genuineAccepted;
    int genuineStatus;

    Run(long deadline) {
      this.deadline = deadline;
    }

    void put(String placeholder, Object value, String reason) {
      out.put(placeholder, value).reason(placeholder, reason);
    }
  }

  @Override
  public void close() {
    TlsClients.release(env, client);
  }
}
