package dev.golive.alert;

import io.vertx.core.Future;

/**
 * Where trigger state changes go. Implementations store the alert durably before it is sent (the outbox) and deliver
 * it to every configured receiver with retries, so a restart loses nothing and never pages twice. {@link #publish}
 * may be called on an event loop; it never blocks and completes once the alert is stored.
 */
public interface AlertSink {
  Future<Void> publish(Alert alert);

  /** Discards alerts: for plans without notifiers. */
  static AlertSink none() {
    return alert -> Future.succeededFuture();
  }
}
