package dev.golive.probe;

import dev.golive.config.Secrets;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What observers share within one process: the Vert.x instance, a pooled web client, the named worker pool for
 * blocking work ({@code golive-blocking}), the event-loop contexts probes run on, and the secrets to redact.
 * Thread-safe.
 */
public final class ProbeEnvironment implements AutoCloseable {
  private final Vertx vertx;
  private final WorkerExecutor blocking;
  private final Secrets secrets;
  private final WebClient webClient;
  private volatile List<Context> probeContexts;

  public ProbeEnvironment(Vertx vertx, WorkerExecutor blocking, Secrets secrets) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.secrets = secrets;
    this.webClient = WebClient.create(vertx, new WebClientOptions()
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

  /**
   * The event-loop context a probe runs on, chosen by a hash of {@code key} (plan and probe id) among one context per
   * event-loop thread: the same key always gets the same context, so a probe (its observer, its timeout timer) stays
   * on one thread, while thousands of probes spread over every event loop instead of their plan's one.
   */
  public Context probeContext(String key) {
    List<Context> all = probeContexts;
    if (all == null) {
      synchronized (this) {
        if (probeContexts == null) probeContexts = oneContextPerEventLoop(vertx);
        all = probeContexts;
      }
    }
    return all.get(Math.floorMod(key.hashCode(), all.size()));
  }

  private static List<Context> oneContextPerEventLoop(Vertx vertx) {
    VertxInternal internal = (VertxInternal) vertx;
    List<Context> contexts = new ArrayList<>();
    for (EventExecutor loop : internal.nettyEventLoopGroup()) {
      contexts.add(internal.contextBuilder().withEventLoop((EventLoop) loop).build());
    }
    return List.copyOf(contexts);
  }

  /** A shared client that verifies certificates and does not follow redirects by itself. */
  public WebClient webClient() {
    return webClient;
  }

  @Override
  public void close() {
    webClient.close();
  }
}
