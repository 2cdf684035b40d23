package dev.golive.probe;

import dev.golive.config.Secrets;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What observers share within one process: the Vert.x instance, HTTP clients, the named worker pool for blocking work
 * ({@code golive-blocking}), and the secrets to redact. Thread-safe.
 *
 * <p>Clients never make a request wait for a connection: their pools allow {@value #MAX_CONNECTIONS_PER_HOST}
 * connections per host, far more than runs in flight, so a probe's timeout measures the target and never a queue
 * inside golive, and a probe whose target holds its connection cannot starve the others of that host.
 */
public final class ProbeEnvironment implements AutoCloseable {
  /** Per host and client: a bound against runaway growth, not a queue any run waits in. */
  public static final int MAX_CONNECTIONS_PER_HOST = 4096;

  private final Vertx vertx;
  private final WorkerExecutor blocking;
  private final Secrets secrets;
  private final WebClient webClient;
  private final Map<String, HttpClient> httpClients = new ConcurrentHashMap<>();

  public ProbeEnvironment(Vertx vertx, WorkerExecutor blocking, Secrets secrets) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.secrets = secrets;
    this.webClient = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("golive")
        .setFollowRedirects(false)
        .setKeepAlive(true), pool());
  }

  private static PoolOptions pool() {
    return new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_HOST).setHttp2MaxSize(MAX_CONNECTIONS_PER_HOST);
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

  /** A shared client that verifies certificates and does not follow redirects by itself. */
  public WebClient webClient() {
    return webClient;
  }

  /**
   * The one place probes get HTTP clients from: a client for {@code options}, shared by every probe that asks for
   * equal options (TLS contexts are costly to build), closed with the environment. Do not change the options after.
   */
  public HttpClient httpClient(HttpClientOptions options) {
    return httpClients.computeIfAbsent(options.toJson().encode(),
        k -> vertx.httpClientBuilder().with(options).with(pool()).build());
  }

  @Override
  public void close() {
    webClient.close();
    httpClients.values().forEach(HttpClient::close);
  }
}
