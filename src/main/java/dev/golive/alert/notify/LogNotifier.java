package dev.golive.alert.notify;

import dev.golive.alert.Alert;
import dev.golive.alert.Notifier;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each alert as one log line (logger {@code dev.golive.alert}); always delivered. Has no secrets. */
final class LogNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("dev.golive.alert");

  private final String name;
  private final String publicUrl;

  LogNotifier(String name, String publicUrl) {
    this.name = name;
    this.publicUrl = publicUrl;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Outcome> send(Alert alert) {
    String line = "ALERT " + AlertText.title(alert) + " [" + alert.dedupKey() + "]: "
        + AlertText.description(alert, AlertText.evidence(alert, publicUrl));
    if (alert.status() == Alert.Status.FIRING) LOG.warn(line); else LOG.info(line);
    return Future.succeededFuture(Outcome.delivered());
  }

  @Override
  public String redact(String text) {
    return text;
  }
}
