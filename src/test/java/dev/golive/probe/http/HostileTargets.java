package dev.golive.probe.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server with a healthy endpoint and hostile ones, counting the connections it holds open:
 * {@code /health} answers at once; {@code /stream} sends 1 KiB every 20 ms and never ends; {@code /huge} sends a
 * 1 GiB body (generated as it is written, with back-pressure, never allocated); {@code /loop/a} and {@code /loop/b}
 * redirect to each other; {@code /hold} never answers.
 */
final class HostileTargets implements AutoCloseable {
  static final long HUGE = 1L << 30;
  private static final Buffer CHUNK = Buffer.buffer(new byte[64 * 1024]);
  private static final Buffer KIB = Buffer.buffer("x".repeat(1024));

  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger opened = new AtomicInteger();
  final AtomicLong hugeBytesSent = new AtomicLong();
  private final HttpServer server;

  HostileTargets(Vertx vertx) throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .connectionHandler(c -> {
          open.incrementAndGet();
          opened.incrementAndGet();
          c.closeHandler(v -> open.decrementAndGet());
        })
        .requestHandler(req -> {
          HttpServerResponse res = req.response();
          switch (req.path()) {
            case "/health" -> res.end("ok");
            case "/stream" -> {
              res.setChunked(true);
              long timer = vertx.setPeriodic(20, t -> {
                if (!res.closed() && !res.writeQueueFull()) res.write(KIB);
              });
              res.closeHandler(v -> vertx.cancelTimer(timer));
            }
            case "/huge" -> {
              res.putHeader("Content-Length", String.valueOf(HUGE));
              long[] sent = {0};
              Runnable[] pump = new Runnable[1];
              pump[0] = () -> {
                while (!res.closed() && !res.writeQueueFull() && sent[0] < HUGE) {
                  res.write(CHUNK);
                  sent[0] += CHUNK.length();
                  hugeBytesSent.addAndGet(CHUNK.length());
                }
                if (sent[0] >= HUGE && !res.closed()) res.end();
              };
              res.drainHandler(v -> pump[0].run());
              pump[0].run();
            }
            case "/loop/a" -> res.setStatusCode(302).putHeader("Location", "/loop/b").end();
            case "/loop/b" -> res.setStatusCode(302).putHeader("Location", "/loop/a").end();
            case "/hold" -> { }
            default -> res.setStatusCode(404).end();
          }
        })
        .listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  int port() {
    return server.actualPort();
  }

  /** Waits up to 30 s until the server holds at most {@code n} connections; returns how many it holds. */
  int awaitOpenAtMost(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (open.get() > n && System.nanoTime() < end) Thread.sleep(20);
    return open.get();
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
