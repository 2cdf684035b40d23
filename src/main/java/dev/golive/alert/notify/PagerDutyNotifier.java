package dev.golive.alert.notify;

import dev.golive.alert.Alert;
import dev.golive.alert.Notifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} then {@code resolve} with the alert's dedup key, so one incident opens and
 * closes. 429 and 5xx are retried; 400 (bad routing key or event) is not.
 */
final class PagerDutyNotifier implements Notifier {
  static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

  private final WebClient client;
  private final String name;
  private final String url;
  private final String routingKey;
  private final String source;
  private final Duration timeout;
  private final String publicUrl;
  private final Redactor redactor;

  PagerDutyNotifier(WebClient client, String name, Receivers.Settings s, String publicUrl) {
    this.client = client;
    this.name = name;
    this.url = s.get("url", DEFAULT_URL);
    this.routingKey = s.required("routing-key");
    this.source = s.get("source", null);
    this.timeout = s.duration("timeout", Receivers.DEFAULT_TIMEOUT);
    this.publicUrl = publicUrl;
    this.redactor = Redactor.of(List.of(routingKey), List.of());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Outcome> send(Alert alert) {
    return Http.post(client, url, Map.of(), body(alert, routingKey, source, publicUrl).encode(), timeout);
  }

  static JsonObject body(Alert a, String routingKey, String source, String publicUrl) {
    JsonObject out = new JsonObject().put("routing_key", routingKey).put("dedup_key", a.dedupKey());
    if (a.status() == Alert.Status.RESOLVED) return out.put("event_action", "resolve");
    String evidence = AlertText.evidence(a, publicUrl);
    JsonObject details = new JsonObject()
        .put("description", AlertText.description(a, evidence))
        .put("observed", a.observed())
        .put("threshold", a.threshold())
        .put("baseline", a.baseline())
        .put("deployment", a.deploymentId())
        .put("version", a.version())
        .put("window", a.window())
        .put("since_deploy", AlertText.since(a))
        .put("evidence", evidence);
    String summary = AlertText.summary(a);
    JsonObject payload = new JsonObject()
        .put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary)
        .put("source", source == null ? "golive/" + a.plan() : source)
        .put("severity", severity(a.severity()))
        .put("timestamp", a.at().toString())
        .put("component", a.plan())
        .put("group", a.deploymentId())
        .put("class", a.trigger())
        .put("custom_details", details);
    out.put("event_action", "trigger").put("payload", payload).put("client", "golive");
    if (AlertText.absolute(evidence)) {
      out.put("client_url", evidence)
          .put("links", new JsonArray().add(new JsonObject().put("href", evidence).put("text", "Evidence in golive")));
    }
    return out;
  }

  static String severity(String s) {
    return switch (s == null ? "" : s) {
      case "critical", "warning", "info", "error" -> s;
      default -> "critical";
    };
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }
}
