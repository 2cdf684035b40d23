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
 * Slack incoming webhook: {@code text} (the notification line) and {@code blocks}. The webhook URL is a secret
 * (it carries the token). 429 is retried after Slack's Retry-After; 5xx with back-off; other 4xx are not retried.
 */
final class SlackNotifier implements Notifier {
  private final WebClient client;
  private final String name;
  private final String url;
  private final Duration timeout;
  private final String publicUrl;
  private final Redactor redactor;

  SlackNotifier(WebClient client, String name, Receivers.Settings s, String publicUrl) {
    this.client = client;
    this.name = name;
    this.url = s.required("url");
    this.timeout = s.duration("timeout", Receivers.DEFAULT_TIMEOUT);
    this.publicUrl = publicUrl;
    this.redactor = Redactor.of(List.of(), List.of(url));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Outcome> send(Alert alert) {
    return Http.post(client, url, Map.of(), body(alert, publicUrl).encode(), timeout);
  }

  static JsonObject body(Alert a, String publicUrl) {
    String evidence = AlertText.evidence(a, publicUrl);
    String icon = a.status() == Alert.Status.FIRING ? ":rotating_light:" : ":white_check_mark:";
    String title = icon + " " + AlertText.title(a);
    StringBuilder md = new StringBuilder("*").append(AlertText.title(a)).append("*\n")
        .append("Observed *").append(dash(a.observed())).append("* vs threshold `").append(dash(a.threshold()))
        .append("`");
    if (a.baseline() != null) md.append(" (baseline ").append(a.baseline()).append(")");
    md.append("\nDeployment ").append(dash(a.deploymentId()));
    if (a.version() != null) md.append(" (version ").append(a.version()).append(")");
    if (a.window() != null) md.append(", window ").append(a.window());
    md.append(", ").append(AlertText.since(a)).append(" after deploy");
    if (AlertText.absolute(evidence)) md.append("\n<").append(evidence).append("|Evidence in golive>");
    else if (evidence != null) md.append("\nEvidence: ").append(evidence);
    JsonArray blocks = new JsonArray().add(new JsonObject().put("type", "section")
        .put("text", new JsonObject().put("type", "mrkdwn").put("text", md.toString())));
    return new JsonObject().put("text", title + ": " + AlertText.summary(a)).put("blocks", blocks);
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }
}
