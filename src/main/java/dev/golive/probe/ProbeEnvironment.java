package dev.golive.probe;

import dev.golive.config.Secrets;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * What observers share within one process: the Vert.x instance, a pooled web client, the named worker pool for
 * blocking work ({@code golive-blocking}), and the secrets to redact. Thread-safe.
 */
public final class ProbeEnvironment implements AutoCloseable {
  private final Vertx vertx;
  private final WorkerExecutor blocking;
  private final Secrets secrets;
  private final WebClient webClient;

  public ProbeEnvironment(Vertx vertx, WorkerExecutor blocking, Secrets secrets) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.secrets = secrets;
    this.webClient = WebClient.create(vertx, TlsClients.apply(TlsSettings.DEFAULT, new WebClientOptions())
        .setUserAgent("golive")
        .setFollowRedirects(false)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The named pool for blocking work (file reads, JDBC, processes). Never block an event loop instead. */
  public WorkerExecutor blocking() {
    return blocking;
  }

  public Secrets secrets() {
    return secrets;
  }

  /** A shared client that verifies certificates ({@link TlsClients}) and does not follow redirects by itself. */
  public WebClient webClient() {
    return webClient;
  }

  @Override
  public void close() {
    webClient.close();
  }
}
