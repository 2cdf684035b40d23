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
 * Alertmanager API v2: {@code POST {url}/api/v2/alerts}. A trigger's alert carries exactly the labels of the shipped
 * Prometheus rule {@code GoliveRollbackTriggerFiring} (alertname, plan, trigger, severity, rollback="true"), so when
 * both page, Alertmanager sees one alert and sends one notification; deployment, window and version are annotations.
 * A broken hold item is {@code GoliveHoldBroken} with plan, window, item and severity. A firing alert has no {@code endsAt}, so Alertmanager keeps it for its resolve_timeout (5m by
 * default); the outbox re-sends it every {@code resend} (60s) while it fires. A resolve sets {@code endsAt} and is
 * repeated {@code resolve-repeats} times (3), {@code resend} apart.
 */
final class AlertmanagerNotifier implements Notifier {
  /** The alertname of the shipped Prometheus rule for the same incident (deploy/prometheus/golive-rules.yml). */
  static final String TRIGGER_ALERTNAME = "GoliveRollbackTriggerFiring";
  static final String HOLD_ALERTNAME = "GoliveHoldBroken";
  private final WebClient client;
  private final String name;
  private final String endpoint;
  private final String alertname;
  private final Duration resend;
  private final int resolveRepeats;
  private final Duration timeout;
  private final String publicUrl;
  private final Redactor redactor;

  AlertmanagerNotifier(WebClient client, String name, Receivers.Settings s, String publicUrl) {
    this.client = client;
    this.name = name;
    String url = s.required("url");
    this.endpoint = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/v2/alerts";
    this.alertname = s.get("alertname", TRIGGER_ALERTNAME);
    this.resend = s.duration("resend", Duration.ofSeconds(60));
    this.resolveRepeats = s.integer("resolve-repeats", 3);
    this.timeout = s.duration("timeout", Receivers.DEFAULT_TIMEOUT);
    this.publicUrl = publicUrl;
    this.redactor = Redactor.of(List.of(), List.of()); // the URL carries no secret; basic auth is not supported
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration resend() {
    return resend;
  }

  @Override
  public int resolveRepeats() {
    return resolveRepeats;
  }

  @Override
  public Future<Outcome> send(Alert alert) {
    return Http.post(client, endpoint, Map.of(), new JsonArray().add(body(alert, alertname, publicUrl)).encode(),
        timeout);
  }

  /** One postable alert. */
  static JsonObject body(Alert a, String alertname, String publicUrl) {
    String evidence = AlertText.evidence(a, publicUrl);
    JsonObject labels = new JsonObject();
    if (a.holdItem() == null) {
      labels.put("alertname", alertname);
      put(labels, "plan", a.plan());
      put(labels, "trigger", a.trigger());
      put(labels, "severity", a.severity());
      labels.put("rollback", "true");
    } else {
      labels.put("alertname", HOLD_ALERTNAME);
      put(labels, "plan", a.plan());
      put(labels, "window", a.window());
      put(labels, "item", a.holdItem());
      put(labels, "severity", a.severity());
    }
    JsonObject annotations = new JsonObject()
        .put("summary", AlertText.summary(a))
        .put("description", AlertText.description(a, evidence));
    put(annotations, "deployment", a.deploymentId());
    put(annotations, "window", a.window());
    put(annotations, "observed", a.observed());
    put(annotations, "threshold", a.threshold());
    put(annotations, "baseline", a.baseline());
    put(annotations, "version", a.version());
    put(annotations, "since_deploy", AlertText.since(a));
    put(annotations, "evidence", evidence);
    JsonObject out = new JsonObject().put("labels", labels).put("annotations", annotations);
    if (a.status() == Alert.Status.FIRING) {
      out.put("startsAt", a.at().toString());
    } else {
      out.put("endsAt", a.at().toString()); // Alertmanager keeps the firing alert's earlier startsAt
    }
    if (AlertText.absolute(evidence)) out.put("generatorURL", evidence);
    return out;
  }

  private static void put(JsonObject o, String key, String value) {
    if (value != null && !value.isBlank()) o.put(key, value);
  }

  @Override
  public String redact(String text) {
    return redactor.redact(text);
  }
}
