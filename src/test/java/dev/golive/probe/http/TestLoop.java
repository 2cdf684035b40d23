package dev.golive.probe.http;

import dev.golive.config.ConfigNode;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A Vert.x instance, a probe environment and loopback servers for the core probe tests. */
public final class TestLoop implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final Secrets secrets;
  private final ProbeEnvironment env;

  public TestLoop() {
    this(Secrets.of(Map.of()));
  }

  public TestLoop(Secrets secrets) {
    this.secrets = secrets;
    this.env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"), secrets);
  }

  public Vertx vertx() {
    return vertx;
  }

  public ProbeEnvironment env() {
    return env;
  }

  public Secrets secrets() {
    return secrets;
  }

  /** Waits at most 10 s for a future; returns its result, success or failure. */
  public static <T> AsyncResult<T> settle(Future<T> future) {
    try {
      future.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete within 60s", e);
    }
    return future;
  }

  public static <T> T await(Future<T> future) {
    AsyncResult<T> r = settle(future);
    if (r.failed()) throw new AssertionError("future failed: " + r.cause(), r.cause());
    return r.result();
  }

  /** Calls {@code call} on an event loop, as the scheduler does, and waits for what it returns. */
  public <T> AsyncResult<T> onLoop(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        call.get().onComplete(ar -> {
          if (ar.succeeded()) p.complete(ar.result());
          else p.fail(ar.cause());
        });
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return settle(p.future());
  }

  public HttpServer server(Handler<HttpServerRequest> handler) {
    return server(new HttpServerOptions(), handler);
  }

  public HttpServer server(HttpServerOptions options, Handler<HttpServerRequest> handler) {
    return await(vertx.createHttpServer(options.setHost("127.0.0.1")).requestHandler(handler).listen(0));
  }

  /** A loopback port that nothing listens on (bound then released). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The first block of a YAML text, e.g. the {@code http:} of {@code "http: { url: x }"}. */
  public static ConfigNode block(String yaml, ConfigProblems problems, Secrets secrets) {
    ConfigNode root = ConfigNode.parse("golive.yaml", yaml, problems, secrets);
    return root.get(root.keys().iterator().next()).orElseThrow();
  }

  @Override
  public void close() {
    env.close();
    await(vertx.close());
  }

  /**
   * Closes without waiting more than a few seconds for Vert.x: after a cors probe timed out connecting to a port that
   * accepts nothing, on a busy machine, Vert.x's close was seen to take about a minute (cause not found; the daemon
   * bounds its own close at 10 s). For tests whose subject is not the close.
   */
  public void closeWithoutWaiting() {
    env.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception slow) {
      // still closing in the background
    }
  }
}
