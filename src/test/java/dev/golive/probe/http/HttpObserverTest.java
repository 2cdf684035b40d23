package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.demo.Certificates;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpObserverTest {
  private final TestLoop loop = new TestLoop();
  private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

  @AfterEach
  void close() {
    loop.close();
  }

  private static HttpSpec get(String url) {
    return new HttpSpec(URI.create(url), "GET", Map.of(), null, null, null, null, false, false, false, false, 5);
  }

  private AsyncResult<Observation> observe(HttpSpec spec, Duration timeout) {
    HttpObserver observer = new HttpObserver(spec, loop.env(), timeout);
    try {
      return loop.onLoop(observer::observe);
    } finally {
      observer.close();
    }
  }

  private Observation observed(HttpSpec spec) {
    AsyncResult<Observation> r = observe(spec, Duration.ofSeconds(10));
    assertThat(r.succeeded()).as("observation failed: %s", r.cause()).isTrue();
    return r.result();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> header(Observation o) {
    return (Map<String, String>) o.get("HEADER").orElseThrow();
  }

  private static String url(HttpServer server, String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Test
  void observesStatusBodyHeadersAndResponseTime() {
    HttpServer server = loop.server(req -> loop.vertx().setTimer(150, t -> req.response()
        .setStatusCode(503)
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Trace", (Iterable<String>) List.of("a", "b"))
        .end("{\"status\":\"DOWN\"}")));

    Observation o = observed(get(url(server, "/health")));

    assertThat(o.get("STATUS")).contains(503);
    assertThat(o.get("BODY")).contains((Object) "{\"status\":\"DOWN\"}");
    assertThat(o.get("CONNECTED")).contains(true);
    assertThat(o.get("BODY_TRUNCATED")).contains(false);
    assertThat(header(o))
        .containsEntry("content-type", "application/json")
        .containsEntry("x-trace", "a, b");
    assertThat((Duration) o.get("RESPONSE_TIME").orElseThrow())
        .isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void sendsMethodBodyHeadersAndBasicAuth() {
    HttpServer server = loop.server(req -> req.body().onSuccess(body -> {
      seen.add(req.method() + " " + req.path() + " " + req.getHeader("Authorization") + " "
          + req.getHeader("X-Tenant") + " " + body);
      req.response().end("ok");
    }));
    HttpSpec spec = new HttpSpec(URI.create(url(server, "/login")), "POST", Map.of("X-Tenant", "acme"),
        "{\"ping\":1}", "admin", "s3cret", null, false, false, false, false, 5);

    assertThat(observed(spec).get("STATUS")).contains(200);

    String basic = Base64.getEncoder().encodeToString("admin:s3cret".getBytes());
    assertThat(seen).containsExactly("POST /login Basic " + basic + " acme {\"ping\":1}");
  }

  @Test
  void sendsBearerToken() {
    HttpServer server = loop.server(req -> {
      seen.add(req.getHeader("Authorization"));
      req.response().end();
    });
    HttpSpec spec = new HttpSpec(URI.create(url(server, "/")), "GET", Map.of(), null, null, null, "tok-123",
        false, false, false, false, 5);

    observed(spec);

    assertThat(seen).containsExactly("Bearer tok-123");
  }

  @Test
  void doesNotFollowRedirectsUnlessAsked() {
    HttpServer server = loop.server(req -> {
      if (req.path().equals("/old")) req.response().setStatusCode(302).putHeader("Location", "/new").end();
      else req.response().end("new place");
    });

    Observation notFollowed = observed(get(url(server, "/old")));
    assertThat(notFollowed.get("STATUS")).contains(302);
    assertThat(header(notFollowed)).containsEntry("location", "/new");

    HttpSpec follow = new HttpSpec(URI.create(url(server, "/old")), "GET", Map.of(), null, null, null, null, false,
        true, false, false, 5);
    Observation followed = observed(follow);
    assertThat(followed.get("STATUS")).contains(200);
    assertThat(followed.get("BODY")).contains((Object) "new place");
  }

  @Test
  void aChainLongerThanMaxRedirectsFailsAndSaysSo() {
    HttpServer server = loop.server(req -> {
      seen.add(req.path());
      req.response().setStatusCode(302).putHeader("Location", "/loop" + seen.size()).end();
    });
    HttpSpec follow = new HttpSpec(URI.create(url(server, "/loop")), "GET", Map.of(), null, null, null, null, false,
        true, false, false, 3);

    AsyncResult<Observation> r = observe(follow, Duration.ofSeconds(10));

    assertThat(seen).as("the first request and exactly 3 redirects").containsExactly("/loop", "/loop1", "/loop2",
        "/loop3");
    assertThat(r.failed()).isTrue();
    assertThat(r.cause().getMessage()).startsWith("more than 3 redirects (max-redirects): " + url(server, "/loop")
        + " -> " + url(server, "/loop1")).endsWith(url(server, "/loop4"));
  }

  @Test
  void aRedirectLoopFailsAndSaysSo() {
    HttpServer server = loop.server(req -> {
      seen.add(req.path());
      req.response().setStatusCode(302).putHeader("Location", req.path().equals("/a") ? "/b" : "/a").end();
    });
    HttpSpec follow = new HttpSpec(URI.create(url(server, "/a")), "GET", Map.of(), null, null, null, null, false,
        true, false, false, 10);

    AsyncResult<Observation> r = observe(follow, Duration.ofSeconds(10));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause()).hasMessage("redirect loop: " + url(server, "/a") + " -> " + url(server, "/b") + " -> "
        + url(server, "/a"));
    assertThat(seen).containsExactly("/a", "/b");
  }

  @Test
  void credentialsAreNotSentToAnotherOriginARedirectPointsAt() {
    HttpServer other = loop.server(req -> {
      seen.add("other " + req.getHeader("Authorization"));
      req.response().end("there");
    });
    HttpServer server = loop.server(req -> {
      seen.add("first " + req.getHeader("Authorization"));
      req.response().setStatusCode(307).putHeader("Location", url(other, "/x")).end();
    });
    HttpSpec spec = new HttpSpec(URI.create(url(server, "/")), "GET", Map.of(), null, null, null, "tok", false,
        true, false, false, 5);

    assertThat(observed(spec).get("BODY")).contains((Object) "there");
    assertThat(seen).containsExactly("first Bearer tok", "other null");
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheTimeout() {
    HttpServer server = loop.server(req -> seen.add("held " + req.path()));
    long t0 = System.nanoTime();

    AsyncResult<Observation> r = observe(get(url(server, "/slow")), Duration.ofMillis(300));

    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.failed()).isTrue();
    assertThat(r.cause().getMessage()).matches("no response from 127\\.0\\.0\\.1:" + server.actualPort()
        + " within 300ms \\(waiting for the first byte after 0\\.\\ds\\)");
    assertThat(tookMs).isBetween(250L, 3_000L);
    assertThat(seen).containsExactly("held /slow");
  }

  @Test
  void refusedConnectionFailsWithHostAndPort() {
    int port = TestLoop.freePort();

    AsyncResult<Observation> r = observe(get("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(2));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause()).hasMessage("connection refused: 127.0.0.1:" + port);
  }

  @Test
  void refusedConnectionIsObservedWhenAsked() {
    int port = TestLoop.freePort();
    HttpSpec spec = new HttpSpec(URI.create("http://127.0.0.1:" + port + "/"), "GET", Map.of(), null, null, null,
        null, false, false, false, true, 5);

    Observation o = observed(spec);

    assertThat(o.get("CONNECTED")).contains(false);
    assertThat(o.has("STATUS")).isFalse();
  }

  @Test
  void capsTheBodyAtOneMebibyteAndSaysSo() {
    int size = HttpObserver.MAX_BODY + 4096;
    HttpServer server = loop.server(req -> req.response().end("x".repeat(size)));

    Observation o = observed(get(url(server, "/big")));

    assertThat((String) o.get("BODY").orElseThrow()).hasSize(HttpObserver.MAX_BODY);
    assertThat(o.get("BODY_TRUNCATED")).contains(true);
    assertThat(o.get("BODY_SIZE")).contains((long) size);
  }

  @Test
  void expectJsonAsksForJsonAndRejectsOtherBodies() {
    HttpServer server = loop.server(req -> {
      seen.add(req.getHeader("Accept"));
      req.response().setStatusCode(502).putHeader("Content-Type", "text/html").end("<html>Bad gateway</html>");
    });
    HttpSpec spec = new HttpSpec(URI.create(url(server, "/api")), "GET", Map.of(), null, null, null, null, false,
        false, true, false, 5);

    AsyncResult<Observation> r = observe(spec, Duration.ofSeconds(5));

    assertThat(r.failed()).isTrue();
    assertThat(r.cause().getMessage()).contains("HTTP 502").contains("expected a JSON body, got text/html")
        .contains("<html>Bad gateway</html>");
    assertThat(seen).containsExactly("application/json");
  }

  @Test
  void selfSignedHttpsFailsUnlessInsecure(@TempDir Path dir) {
    Certificates.PemFiles pem = Certificates.localhost(dir, "web", Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30)));
    HttpServer server = loop.server(new HttpServerOptions().setSsl(true).setKeyCertOptions(
        new PemKeyCertOptions().setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString())),
        req -> req.response().end("secure"));
    String url = "https://127.0.0.1:" + server.actualPort() + "/";

    AsyncResult<Observation> verified = observe(get(url), Duration.ofSeconds(30));
    assertThat(verified.failed()).isTrue();
    assertThat(verified.cause().getMessage()).startsWith("TLS handshake with 127.0.0.1:" + server.actualPort());

    HttpSpec insecure = new HttpSpec(URI.create(url), "GET", Map.of(), null, null, null, null, true, false, false,
        false, 5);
    assertThat(observed(insecure).get("BODY")).contains((Object) "secure");
  }
}
