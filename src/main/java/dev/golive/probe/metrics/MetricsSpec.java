package dev.golive.probe.metrics;

import dev.golive.probe.tls.TlsSettings;
import java.net.URI;
import java.util.Map;

/** A {@code metrics:} probe block, validated. */
public record MetricsSpec(
    URI url,
    String metric,
    Map<String, String> labels,
    Aggregate aggregate,
    boolean rate,
    Map<String, String> headers,
    String bearer,
    TlsSettings tls) {

  public MetricsSpec {
    labels = Map.copyOf(labels);
    headers = Map.copyOf(headers);
  }

  /** How the values of several matching series become one {@code VALUE}. */
  public enum Aggregate {
    SUM, MAX, MIN, AVG, COUNT;

    double apply(double[] values) {
      if (this == COUNT) return values.length;
      double acc = switch (this) {
        case MAX -> Double.NEGATIVE_INFINITY;
        case MIN -> Double.POSITIVE_INFINITY;
        default -> 0;
      };
      for (double v : values) {
        acc = switch (this) {
          case MAX -> Math.max(acc, v);
          case MIN -> Math.min(acc, v);
          default -> acc + v;
        };
      }
      return this == AVG ? acc / values.length : acc;
    }
  }
}
