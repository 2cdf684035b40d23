package dev.golive.alert;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * One receiver of alerts (Alertmanager, PagerDuty, Slack, a webhook, the log). {@link #send} is called on the
 * outbox's event-loop context, never blocks, and completes with an {@link Outcome} (never fails: errors become
 * {@link Outcome#retry} or {@link Outcome#rejected}). Details in outcomes never contain the receiver's secrets.
 */
public interface Notifier {
  /** The receiver's name: the {@code receiver} label of the delivery metrics (default: the type). */
  String name();

  Future<Outcome> send(Alert alert);

  /** How often a firing alert is sent again until it resolves (Alertmanager), or null to send it once. */
  default Duration resend() {
    return null;
  }

  /** How many times a resolve is sent again after its first delivery, {@link #resend()} apart. */
  default int resolveRepeats() {
    return 0;
  }

  /** {@code text} with this receiver's secrets (routing keys, tokenized URLs, HMAC secrets) replaced by ****. */
  String redact(String text);

  /** What became of one attempt. */
  record Outcome(Kind kind, String detail, Duration retryAfter) {
    public enum Kind { DELIVERED, RETRY, REJECTED }

    public static Outcome delivered() {
      return new Outcome(Kind.DELIVERED, "", null);
    }

    /** A transient failure (connection refused, timeout, 429, 5xx); {@code after} is the receiver's hint or null. */
    public static Outcome retry(String detail, Duration after) {
      return new Outcome(Kind.RETRY, detail, after);
    }

    /** The receiver refused the alert for good (400: bad routing key, malformed payload): not retried. */
    public static Outcome rejected(String detail) {
      return new Outcome(Kind.REJECTED, detail, null);
    }
  }
}
