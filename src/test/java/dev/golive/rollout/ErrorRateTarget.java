package dev.golive.rollout;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service on a free loopback port whose {@code /metrics} reports the error ratio the test sets
 * ({@code http_errors_ratio}), for driving rollback triggers end to end. Counts scrapes. Not thread-bound.
 */
public final class ErrorRateTarget implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<Double> ratio = new AtomicReference<>(0.0);
  private final AtomicInteger scrapes = new AtomicInteger();
  private final HttpServer server;

  public ErrorRateTarget() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      if (!req.path().equals("/metrics")) {
        req.response().setStatusCode(404).end();
        return;
      }
      scrapes.incrementAndGet();
      req.response().putHeader("Content-Type", "text/plain; version=0.0.4")
          .end("# TYPE http_errors_ratio gauge\nhttp_errors_ratio " + ratio.get() + "\n");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** What {@code /metrics} reports from now on. */
  public void errors(double value) {
    ratio.set(value);
  }

  public int scrapes() {
    return scrapes.get();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
