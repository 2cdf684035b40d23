package dev.golive.alert.notify;

import dev.golive.alert.Notifier;
import dev.golive.config.Durations;
import dev.golive.config.NotifierConfig;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Map;

/** Builds a {@link Notifier} from a plan's {@code notify:} entry. */
public final class Receivers {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private Receivers() {}

  /**
   * @param name the receiver's name (the metrics' {@code receiver} label)
   * @param publicUrl golive's externally reachable base URL, to make evidence links absolute; may be null
   * @throws IllegalArgumentException naming the missing or bad setting (never its value)
   */
  public static Notifier create(WebClient client, NotifierConfig config, String name, String publicUrl) {
    Settings s = new Settings(config.type(), config.settings());
    return switch (config.type()) {
      case "alertmanager" -> new AlertmanagerNotifier(client, name, s, publicUrl);
      case "pagerduty" -> new PagerDutyNotifier(client, name, s, publicUrl);
      case "slack" -> new SlackNotifier(client, name, s, publicUrl);
      case "webhook" -> new WebhookNotifier(client, name, s, publicUrl);
      case "log" -> new LogNotifier(name, publicUrl);
      default -> throw new IllegalArgumentException("unknown notifier type '" + config.type() + "'");
    };
  }

  /** Typed access to a notifier's resolved settings. */
  record Settings(String type, Map<String, String> values) {
    String get(String key, String fallback) {
      String v = values.get(key);
      return v == null || v.isBlank() ? fallback : v;
    }

    String required(String key) {
      String v = get(key, null);
      if (v == null) throw new IllegalArgumentException(type + " notifier needs '" + key + "'");
      return v;
    }

    Duration duration(String key, Duration fallback) {
      String v = get(key, null);
      return v == null ? fallback : Durations.parse(v);
    }

    int integer(String key, int fallback) {
      String v = get(key, null);
      try {
        return v == null ? fallback : Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(type + " notifier: '" + key + "' must be a whole number");
      }
    }
  }
}
