package dev.golive.probe.metrics;

import java.util.Map;

/** One sample line of the Prometheus text format; {@code timestamp} is null when the line has none. */
public record Sample(String name, Map<String, String> labels, double value, Long timestamp) {
  public Sample {
    labels = Map.copyOf(labels);
  }
}
