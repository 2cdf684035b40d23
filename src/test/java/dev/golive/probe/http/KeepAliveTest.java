package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.demo.Certificates;
import dev.golive.probe.tls.TlsSettings;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keep-alive: true}: a run reuses an idle connection to the same origin, a new connection still has its connect
 * and TLS handshake timed apart, and a connection the server closed while idle costs no false failure.
 */
class KeepAliveTest {
  private final TestLoop loop = new TestLoop();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    loop.close();
  }

  private static HttpSpec spec(String url, String method, TlsSettings tls) {
    return new HttpSpec(URI.create(url), method, Map.of(), null, null, null, null, false, false, false, 5, tls, true);
  }

  /** Runs on the one event loop a probe keyed "api" always runs on, as the scheduler does. */
  private AsyncResult<Observation> run(HttpSpec spec) {
    HttpObserver observer = new HttpObserver(spec, loop.env(), Duration.ofSeconds(10));
    return onProbeLoop(observer::observe);
  }

  private <T> AsyncResult<T> onProbeLoop(Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    loop.env().loopFor("shop/api").runOnContext(v -> call.get().onComplete(p));
    return TestLoop.settle(p.future());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> phases(AsyncResult<Observation> r) {
    assertThat(r.succeeded()).as("%s", r.cause()).isTrue();
    return (Map<String, Double>) r.result().get("PHASES").orElseThrow();
  }

  @Test
  void aNewHttpsConnectionTimesConnectAndHandshakeApartAndTheNextRunReusesIt() {
    Certificates.PemFiles pem = Certificates.localhost(dir, "web", Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30)));
    AtomicInteger connections = new AtomicInteger();
    HttpServer secure = TestLoop.await(loop.vertx().createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
            .setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.cert().toString())
                .setKeyPath(pem.key().toString())))
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> req.response().end("secure")).listen(0));
    HttpSpec spec = spec("https://127.0.0.1:" + secure.actualPort() + "/", "GET",
        new TlsSettings(dir.resolve("web-ca.pem"), null, null, null, false));

    Map<String, Double> first = phases(run(spec));
    Map<String, Double> second = phases(run(spec));
    Map<String, Double> third = phases(run(spec));

    assertThat(first.get("connect")).as("TCP connect").isPositive();
    assertThat(first.get("tls")).as("the handshake, apart from the connect").isPositive();
    assertThat(second.get("tls")).as("a reused connection has no handshake").isZero();
    assertThat(second.get("connect")).isLessThan(first.get("connect"));
    assertThat(third.get("tls")).isZero();
    assertThat(connections.get()).as("one connection for three runs").isEqualTo(1);
  }

  @Test
  void aResponseThatSaysConnectionCloseIsNotReused() {
    AtomicInteger connections = new AtomicInteger();
    HttpServer server = TestLoop.await(loop.vertx().createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(req -> req.response().putHeader("Connection", "close").end("bye")).listen(0));
    HttpSpec spec = spec("http://127.0.0.1:" + server.actualPort() + "/", "GET", TlsSettings.DEFAULT);

    for (int i = 0; i < 3; i++) assertThat(run(spec).succeeded()).isTrue();

    assertThat(connections.get()).isEqualTo(3);
  }

  @Test
  void anIdempotentRequestOnAConnectionTheServerDroppedIsSentAgainOnANewOne() throws Exception {
    try (DropsSecondRequest server = new DropsSecondRequest()) {
      HttpSpec get = spec("http://127.0.0.1:" + server.port() + "/health", "GET", TlsSettings.DEFAULT);

      assertThat(run(get).succeeded()).isTrue();
      AsyncResult<Observation> second = run(get);

      assertThat(second.succeeded()).as("%s", second.cause()).isTrue();
      assertThat(second.result().get("STATUS")).contains(200);
      assertThat(server.connections.get()).as("the dropped one, then a new one").isEqualTo(2);
    }
  }

  @Test
  void aPostOnAConnectionTheServerDroppedIsNotSentTwice() throws Exception {
    try (DropsSecondRequest server = new DropsSecondRequest()) {
      HttpSpec post = spec("http://127.0.0.1:" + server.port() + "/orders", "POST", TlsSettings.DEFAULT);

      assertThat(run(post).succeeded()).isTrue();
      AsyncResult<Observation> second = run(post);

      assertThat(second.failed()).isTrue();
      assertThat(second.cause().getMessage()).startsWith("127.0.0.1:" + server.port() + ": ");
      assertThat(server.connections.get()).isEqualTo(1);
      assertThat(server.requests.get()).isEqualTo(2);
    }
  }

  /**
   * Answers the first request of each connection with keep-alive, and closes the connection when a second request
   * arrives on it: a server that dropped an idle connection just as the client reused it.
   */
  private static final class DropsSecondRequest implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor = new Thread(this::serve, "drops-second-request");

    DropsSecondRequest() throws Exception {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          Thread t = new Thread(() -> handle(s), "drops-second-request-conn");
          t.setDaemon(true);
          t.start();
        } catch (Exception e) {
          return;
        }
      }
    }

    private void handle(Socket s) {
      try (s) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        for (int n = 1; ; n++) {
          String line = in.readLine();
          if (line == null) return;
          int length = 0;
          for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            if (h.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
          }
          for (int i = 0; i < length; i++) in.read();
          requests.incrementAndGet();
          if (n == 2) return; // closes the connection without an answer
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (Exception e) {
        // the client went away
      }
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
