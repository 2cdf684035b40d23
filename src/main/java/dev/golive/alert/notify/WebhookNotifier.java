package dev.golive.alert.notify;

import dev.golive.alert.Alert;
import dev.golive.alert.Notifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic JSON webhook. Each POST carries {@code X-Golive-Timestamp} (epoch seconds) and
 * {@code X-Golive-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes with secret>}. 2xx delivers; 408, 429
 * and 5xx (and connection failures) are retried; other answers are not.
 */
final class WebhookNotifier implements Notifier {
  static final String SIGNATURE = "X-Golive-Signature";
  static final String TIMESTAMP = "X-Golive-Timestamp";

  private final WebClient client;
  private final String name;
  private final String url;
  private final String secret;
  private final Duration timeout;
  private final String publicUrl;
  private final Redactor redactor;

  WebhookNotifier(WebClient client, String name, Receivers.Settings s, String publicUrl) {
    this.client = client;
    this.name = name;
    this.url = s.required("url");
    this.secret = s.required("secret");
    this.timeout = s.duration("timeout", Receivers.DEFAULT_TIMEOUT);
    this.publicUrl = publicUrl;
    this.redactor = Redactor.of(List.of(secret), List.of(url));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Outcome> send(Alert alert) {
    String body = body(alert, publicUrl).encode();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000));
    headers.put(SIGNATURE, "sha256=" + sign(secret, body));
    return Http.post(client, url, headers, body, timeout);
  }

  static JsonObject body(Alert a, String publicUrl) {
    return new JsonObject()
        .put("status", a.status().name().toLowerCase())
        .put("dedupKey", a.dedupKey())
        .put("plan", a.plan())
        .put("deployment", a.deploymentId())
        .put("version", a.version())
        .put("window", a.window())
        .put("trigger", a.trigger())
        .put("severity", a.severity())
        .put("summary", AlertText.summary(a))
        .put("description", AlertText.description(a, AlertText.evidence(a, publicUrl)))
        .put("observed", a.observed())
        .put("threshold", a.threshold())
        .put("baseline", a.baseline())
        .put("deployedAt", a.deployedAt() == null ? null : a.deployedAt().toString())
        .put("at", a.at().toString())
        .put("sinceDeploySeconds", a.sinceDeploy().toSeconds())
        .put("evidenceUrl", AlertText.evidence(a, publicUrl));
  }

  /** Hex HMAC-SHA256 of the UTF-8 bytes of {@code body}. */
  static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }
}
