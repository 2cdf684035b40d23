package dev.golive.config;

import java.util.Map;

/** A receiver of alerts: {@code type} is alertmanager, pagerduty, slack, webhook or log. Settings are resolved. */
public record NotifierConfig(String type, Map<String, String> settings) {
  public NotifierConfig {
    settings = Map.copyOf(settings);
  }
}
