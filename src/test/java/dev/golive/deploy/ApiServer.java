package dev.golive.deploy;

import dev.golive.http.ApiRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** golive's real HTTP routes, with no plans, on a loopback port: proves which paths the deploy files may use. */
final class ApiServer implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  ApiServer(boolean ready) throws Exception {
    server = vertx.createHttpServer()
        .requestHandler(ApiRoutes.router(vertx, Map.of(), null, null, () -> "golive_plans 0\n", () -> ready,
            dev.golive.http.Access.writes(null)))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  int status(String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
