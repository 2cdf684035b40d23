package dev.golive.probe;

import dev.golive.config.Secrets;
import dev.golive.probe.request.Call;
import dev.golive.probe.tls.TlsClients;
import dev.golive.probe.tls.TlsSettings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private static final long ABANDON_GRACE_MS = 500;

  private final Vertx vertx;
  private final WorkerExecutor blocking;
  private final Secrets secrets;
  private final WebClient webClient;
  /** Shared web clients by connect timeout (a probe's timeout plus a second), made on first use. */
  private final Map<Long, WebClient> webClients = new ConcurrentHashMap<>();
  private final Map<String, HttpClient> httpClients = new ConcurrentHashMap<>();
  private volatile List<Context> loops;

  public ProbeEnvironment(Vertx vertx, WorkerExecutor blocking, Secrets secrets) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.secrets = secrets;
    this.webClient = newWebClient(WebClientOptions.DEFAULT_CONNECT_TIMEOUT);
  }

  private WebClient newWebClient(int connectTimeoutMs) {
    WebClient client = WebClient.create(vertx, TlsClients.apply(TlsSettings.DEFAULT, new WebClientOptions())
        .setUserAgent("golive")
        .setFollowRedirects(false)
        .setKeepAlive(true)
        .setConnectTimeout(connectTimeoutMs), pool());
    client.addInterceptor(Call::track);
    client.addInterceptor(this::hardDeadline);
    return client;
  }

  /**
   * How long a web client may try to connect for a probe with {@code timeout}: a second past it. The probe's own timer
   * ends the run at the timeout; a TCP connect still pending then (a silent or overloaded host) is given up shortly
   * after, instead of holding a socket for the client default of a minute.
   */
  public static int connectTimeoutFor(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()) + 1000);
  }

  /**
   * A web client request's {@code timeout} is an idle timeout, which a target that keeps sending never reaches: once
   * the timeout (plus a grace, after the probe's own timer has failed the run) has passed since the request was sent,
   * reset it and close its connection, so an abandoned request never keeps a connection.
   */
  private void hardDeadline(HttpContext<?> ctx) {
    if (ctx.phase() == ClientPhase.SEND_REQUEST) {
      HttpClientRequest request = ctx.clientRequest();
      long ms = Math.max(ctx.requestOptions().getTimeout(), ctx.requestOptions().getIdleTimeout());
      if (ms > 0) {
        long timer = vertx.setTimer(ms + ABANDON_GRACE_MS, t -> {
          HttpConnection connection = request.connection();
          request.reset();
          if (connection != null) connection.close();
        });
        ctx.future().onComplete(ar -> vertx.cancelTimer(timer));
      }
    }
    ctx.next();
  }

  private static PoolOptions pool() {
    return new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_HOST).setHttp2MaxSize(MAX_CONNECTIONS_PER_HOST);
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * The event-loop context that runs the probe with this key (plan and probe id): one context per event loop, chosen
   * by the key, so a probe always runs on the same thread (its observer's state needs no locking) and the process's
   * probes are shared out over every loop instead of crowding the one of their plan.
   */
  public Context loopFor(String key) {
    List<Context> l = loops;
    if (l == null) l = createLoops();
    return l.get(Math.floorMod(key.hashCode(), l.size()));
  }

  private synchronized List<Context> createLoops() {
    if (loops != null) return loops;
    VertxInternal v = (VertxInternal) vertx;
    List<Context> out = new ArrayList<>();
    for (io.netty.util.concurrent.EventExecutor e : v.nettyEventLoopGroup()) {
      out.add(v.contextBuilder().withEventLoop((io.netty.channel.EventLoop) e).build());
    }
    loops = List.copyOf(out);
    return loops;
  }

  /** The named pool for blocking work (file reads, JDBC, processes). Never block an event loop instead. */
  public WorkerExecutor blocking() {
    return blocking;
  }

  public Secrets secrets() {
    return secrets;
  }

  /**
   * A shared client that verifies certificates ({@link TlsClients}) and does not follow redirects by itself, with
   * Vert.x's default connect timeout. Probes use {@link #webClient(Duration)}.
   */
  public WebClient webClient() {
    return webClient;
  }

  /** Like {@link #webClient()}, giving up a connect a second after a probe's {@code timeout}; shared, not closed. */
  public WebClient webClient(Duration timeout) {
    return webClients.computeIfAbsent((long) connectTimeoutFor(timeout), ms -> newWebClient(ms.intValue()));
  }

  /** True for the clients this environment shares (and closes); false for one a probe made for itself. */
  public boolean shares(WebClient client) {
    return client == webClient || webClients.containsValue(client);
  }

  /**
   * The one place probes get HTTP clients from: a client for {@code options}, shared by every probe that asks for
   * equal options (TLS contexts are costly to build), closed with the environment. Do not change the options after.
   */
  public HttpClient httpClient(HttpClientOptions options) {
    return httpClient(options, TlsSettings.DEFAULT);
  }

  /** Like {@link #httpClient(HttpClientOptions)}, with {@code tls} applied to the options ({@link TlsClients}). */
  public HttpClient httpClient(HttpClientOptions options, TlsSettings tls) {
    // keyed before TLS is applied: TLS trust and key options are objects of golive's that JSON does not carry
    return httpClients.computeIfAbsent(options.toJson().encode() + "|" + tls,
        k -> vertx.httpClientBuilder().with(TlsClients.apply(tls, new HttpClientOptions(options))).with(pool())
            .build());
  }

  @Override
  public void close() {
    webClient.close();
    webClients.values().forEach(WebClient::close);
    httpClients.values().forEach(HttpClient::close);
  }
}
