package dev.golive.alert.notify;

import dev.golive.alert.Alert;
import dev.golive.config.Durations;

/** The human text of an alert, shared by every receiver so all of them say the same thing. */
final class AlertText {
  private AlertText() {}

  /** {@code [FIRING] checkout: error-rate (critical) after deploy 1.4.2}. */
  static String title(Alert a) {
    String what = a.holdItem() == null ? a.trigger() : "hold item " + a.holdItem() + " broke";
    return "[" + a.status() + "] " + a.plan() + ": " + what + " (" + a.severity() + ")"
        + (a.version() == null ? "" : " after deploy " + a.version());
  }

  /** The alert's own summary, or the title when it has none. */
  static String summary(Alert a) {
    return a.summary() == null || a.summary().isBlank() ? title(a) : a.summary();
  }

  /** What fired, against what, where and when: observed vs threshold vs baseline, deployment, window, time since. */
  static String description(Alert a, String evidence) {
    StringBuilder s = new StringBuilder();
    String resolved = a.status() == Alert.Status.FIRING ? "" : "Resolved: ";
    if (a.holdItem() != null) {
      s.append(resolved).append("Hold item ").append(a.holdItem()).append(" of plan ").append(a.plan())
          .append(" broke inside its window: ").append(orDash(a.observed())).append(" (promised: ")
          .append(orDash(a.threshold())).append(")");
    } else {
      s.append(resolved.isEmpty() ? "Rollback trigger " : "Resolved: rollback trigger ")
          .append(a.trigger()).append(" of plan ").append(a.plan()).append(": observed ").append(orDash(a.observed()))
          .append(" vs threshold ").append(orDash(a.threshold()));
    }
    if (a.baseline() != null) s.append(" (baseline ").append(a.baseline()).append(")");
    s.append(". Deployment ").append(orDash(a.deploymentId()));
    if (a.version() != null) s.append(" (version ").append(a.version()).append(")");
    if (a.window() != null) s.append(", window ").append(a.window());
    s.append(", ").append(since(a)).append(" after deploy.");
    if (evidence != null) s.append(" Evidence: ").append(evidence);
    return s.toString();
  }

  static String since(Alert a) {
    java.time.Duration d = a.sinceDeploy();
    return Durations.format(d.isNegative() ? java.time.Duration.ZERO : java.time.Duration.ofSeconds(d.toSeconds()));
  }

  /** The evidence link made absolute against golive's public URL when it is relative; null when there is none. */
  static String evidence(Alert a, String publicUrl) {
    String e = a.evidenceUrl();
    if (e == null || e.isBlank()) return null;
    if (e.startsWith("http://") || e.startsWith("https://") || publicUrl == null || publicUrl.isBlank()) return e;
    String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return base + (e.startsWith("/") ? "" : "/") + e;
  }

  static boolean absolute(String url) {
    return url != null && (url.startsWith("http://") || url.startsWith("https://"));
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
