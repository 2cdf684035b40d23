package dev.golive.probe.http;

import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.http.PhaseClock.Phase;
import dev.golive.probe.tls.TlsFailures;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sends the configured request once per run. Succeeds with {@code STATUS}, {@code BODY} (first {@value #MAX_BODY}
 * bytes as UTF-8), {@code HEADER} (lower-case names; repeated headers joined with ", "), {@code RESPONSE_TIME} (until
 * the whole body arrived), {@code BODY_SIZE}, {@code BODY_TRUNCATED}, {@code CONNECTED=true} and, for evidence,
 * {@code PHASES} (seconds per phase, see {@link PhaseClock}). Fails with a clear message on refused connections, TLS
 * errors, a timeout (naming host:port and the phase), a body over {@value #READ_LIMIT} bytes, and a redirect chain
 * that loops or exceeds {@code max-redirects}; with {@code connect-failure: observe}, a failed connection is observed
 * as {@code CONNECTED=false} instead.
 *
 * <p>Timeout: one timer per run, started when the run starts; it covers resolving, connecting, the TLS handshake,
 * the request and the whole response, over every redirect hop. Nothing queues inside golive.
 * A run that ends any other way than a complete response (timeout, body limit, error) resets its request and closes
 * its connection, so a target that keeps streaming cannot keep it.
 *
 * <p>Connections: every hop that needs a connection opens one of its own (for https: TCP connect, then the TLS
 * handshake on that socket, {@link TlsConnector}, so {@code connect} and {@code tls} are timed apart). With
 * {@code keep-alive: false} (the default) it is closed when the hop ends. With {@code keep-alive: true} a connection
 * whose response was complete goes back to its event loop's {@link IdleConnections} for the next run to the same
 * origin (that run's connect and tls phases are 0); a request on a reused connection that the server had closed
 * meanwhile is sent once more on a new connection when its method is idempotent (RFC 9110 9.2.2).
 */
final class HttpObserver implements Observer {
  static final int MAX_BODY = 1024 * 1024;
  /** Methods a request may be sent again with (RFC 9110 9.2.2). */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
  /** The most a run reads of one response; a bigger body fails the run, which stops reading it. */
  static final long READ_LIMIT = 16L * 1024 * 1024;

  private final HttpSpec spec;
  private final ProbeEnvironment env;
  private final Duration timeout;
  private final HttpClient client;
  /** For https: connects and handshakes as two steps, so both are timed. */
  private final TlsConnector tlsConnector;

  HttpObserver(HttpSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    this.env = env;
    this.timeout = timeout;
    this.client = env.httpClient(new HttpClientOptions().setKeepAlive(spec.keepAlive()), spec.tls());
    this.tlsConnector = new TlsConnector(client);
  }

  @Override
  public Future<Observation> observe() {
    return new Run().start();
  }

  /** Every run starts a timer for the probe's timeout that ends it, whatever it is waiting for. */
  @Override
  public boolean boundsItsOwnTime() {
    return true;
  }

  /** One run: its hops, phases, timer and the request in flight. Used from the run's event-loop thread only. */
  private final class Run {
    private final Promise<Observation> promise = Promise.promise();
    private final PhaseClock clock = new PhaseClock();
    private final Redirects redirects = new Redirects(spec.url(), spec.maxRedirects());
    private URI url;
    private HttpClientRequest request;
    private boolean responseEnded;
    private long received;
    private Buffer kept;
    private long timer;
    /** Counts hops and retries: a callback of an earlier one is ignored. */
    private int attempt;
    /** The hop's connection: closed when the hop ends, or given back for reuse (keep-alive: true). */
    private HttpClientConnection own;
    /** Where the hop's connection goes, for its reuse (keep-alive: true only). */
    private IdleConnections.Origin ownOrigin;
    /** Whether the hop's connection was an idle one reused, and whether this run sent a request again already. */
    private boolean reused;
    private boolean retried;
    /** The hop's response ended and the connection may serve another request. */
    private boolean reusable;
    private String hopMethod;
    private String hopBody;
    /** The hop's own TCP connection while its TLS handshake runs (https). */
    private NetSocket handshaking;

    Future<Observation> start() {
      timer = env.vertx().setTimer(Math.max(1, timeout.toMillis()), t -> timedOut());
      hop(spec.url(), spec.method(), spec.body());
      return promise.future();
    }

    private boolean over() {
      return promise.future().isComplete();
    }

    private void hop(URI target, String method, String body) {
      releaseOwn();
      int a = ++attempt;
      url = target;
      hopMethod = method;
      hopBody = body;
      request = null;
      responseEnded = false;
      clock.enter(Phase.RESOLVE);
      resolve(host(target)).compose(address -> {
        if (over() || a != attempt) return Future.failedFuture("run over");
        clock.enter(Phase.CONNECT);
        return open(target, method, a);
      }).compose(req -> {
        if (a != attempt) return Future.failedFuture("run over");
        request = req;
        req.exceptionHandler(e -> failed(e, a)); // a reset or a closed connection (once the run is over: no-op)
        if (over()) {
          abort();
          return Future.failedFuture("run over");
        }
        clock.enter(Phase.FIRST_BYTE);
        return body == null ? req.send() : req.send(Buffer.buffer(body, "UTF-8"));
      }).onSuccess(response -> {
        if (a == attempt) response(response);
      }).onFailure(e -> failed(e, a));
    }

    /** A request on an idle connection to the same origin (keep-alive), or on a connection of this hop's own. */
    private Future<HttpClientRequest> open(URI target, String method, int a) {
      RequestOptions o = options(target, method);
      reused = false;
      if (spec.keepAlive()) {
        ownOrigin = new IdleConnections.Origin(client, o.isSsl(), o.getHost(), o.getPort(),
            o.getServer() == null ? null : o.getServer().toString());
        HttpClientConnection idle = IdleConnections.ofThisLoop(env.vertx()).take(ownOrigin);
        if (idle != null) {
          own = idle;
          reused = true;
          idle.exceptionHandler(e -> failed(e, a));
          return idle.request(o);
        }
      }
      Future<HttpClientConnection> connected;
      if ("https".equalsIgnoreCase(target.getScheme())) {
        connected = handshaken(o);
      } else {
        HttpConnectOptions c = new HttpConnectOptions().setHost(o.getHost()).setPort(o.getPort()).setSsl(false)
            .setConnectTimeout(o.getConnectTimeout());
        if (o.getServer() != null) c.setServer(o.getServer());
        connected = ((HttpClientAgent) client).connect(c);
      }
      return connected.compose(connection -> {
        if (a != attempt) {
          connection.close();
          return Future.failedFuture("run over");
        }
        own = connection;
        connection.exceptionHandler(e -> failed(e, a)); // e.g. a client certificate refused after the handshake
        if (over()) {
          closeOwn();
          return Future.failedFuture("run over");
        }
        return connection.request(o);
      });
    }

    /** TCP connect, then the TLS handshake as a phase of its own, then HTTP over the socket. */
    private Future<HttpClientConnection> handshaken(RequestOptions o) {
      SocketAddress server = (SocketAddress) o.getServer();
      return tlsConnector.connect(o.getHost(), o.getPort(), server, (int) o.getConnectTimeout()).compose(socket -> {
        handshaking = socket;
        if (over()) {
          closeOwn();
          return Future.failedFuture("run over");
        }
        clock.enter(Phase.TLS);
        return tlsConnector.handshake(socket, o.getHost()).compose(v -> {
          if (over()) return Future.failedFuture("run over");
          handshaking = null;
          return tlsConnector.http(socket, o.getHost(), o.getPort(), server).onFailure(e -> socket.close());
        });
      });
    }

    /** After a complete response: keeps the connection for reuse (keep-alive: true) or closes it. */
    private void releaseOwn() {
      HttpClientConnection c = own;
      if (c != null && spec.keepAlive() && reusable && c.activeStreams() == 0) {
        own = null;
        reusable = false;
        IdleConnections.ofThisLoop(env.vertx()).giveBack(ownOrigin, c);
      }
      closeOwn();
    }

    private void closeOwn() {
      HttpClientConnection c = own;
      own = null;
      reusable = false;
      if (c != null) c.close();
      NetSocket s = handshaking;
      handshaking = null;
      if (s != null) s.close();
    }

    private Future<?> resolve(String host) {
      if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) return Future.succeededFuture();
      return ((VertxInternal) env.vertx()).nameResolver().resolve(host);
    }

    private RequestOptions options(URI target, String method) {
      // the run's own timer ends the run (and its request) at the timeout and names the phase; a connect still pending
      // then is given up a second later
      long connectLimit = Math.max(1, timeout.toMillis()) + 1000;
      RequestOptions o = aimedAt(new RequestOptions(), target).setMethod(HttpMethod.valueOf(method))
          .setFollowRedirects(false)
          .setConnectTimeout(connectLimit)
          .putHeader("User-Agent", "golive");
      if (spec.expectJson() && spec.headers().keySet().stream().noneMatch("accept"::equalsIgnoreCase)) {
        o.putHeader("Accept", "application/json");
      }
      spec.headers().forEach(o::putHeader);
      if (redirects.sameOrigin(target) && spec.tls().serverName() != null) {
        // connect to the URL's host, but present server-name (SNI, Host header, the name the certificate must carry)
        o.setServer(SocketAddress.inetSocketAddress(port(target), host(target))).setHost(spec.tls().serverName());
      }
      if (redirects.sameOrigin(target)) { // credentials never go to another origin a redirect points at
        if (spec.basicUser() != null) {
          String pair = spec.basicUser() + ":" + (spec.basicPassword() == null ? "" : spec.basicPassword());
          o.putHeader("Authorization", "Basic "
              + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (spec.bearer() != null) o.putHeader("Authorization", "Bearer " + spec.bearer());
      }
      return o;
    }

    private void response(HttpClientResponse response) {
      int a = attempt;
      response.exceptionHandler(e -> failed(e, a)); // first: an abort below resets the response, which reports here
      if (over()) {
        abort();
        return;
      }
      clock.enter(Phase.TRANSFER);
      received = 0;
      kept = Buffer.buffer();
      Redirects.Next next = spec.followRedirects()
          ? redirects.next(url, response.request().getMethod().name(), response.statusCode(),
              response.getHeader("Location"))
          : null;
      if (next != null && next.failure() != null) {
        fail(new IllegalStateException(next.failure()));
        return;
      }
      response.handler(chunk -> {
        if (over()) return;
        received += chunk.length();
        int room = MAX_BODY - kept.length();
        if (next == null && room > 0) kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
        if (received > READ_LIMIT) {
          fail(new IllegalStateException("response from " + where() + " is larger than " + size(READ_LIMIT)
              + ": stopped reading it (a probe reads at most " + size(READ_LIMIT) + ")"));
        }
      });
      response.endHandler(v -> {
        responseEnded = true;
        reusable = !"close".equalsIgnoreCase(response.getHeader("Connection"))
            && (response.version() != HttpVersion.HTTP_1_0
                || "keep-alive".equalsIgnoreCase(response.getHeader("Connection")));
        if (over()) return;
        if (next != null) hop(next.url(), next.method(), next.keepsBody() ? spec.body() : null);
        else observed(response);
      });
    }

    private void observed(HttpClientResponse response) {
      clock.stop();
      env.vertx().cancelTimer(timer);
      releaseOwn();
      String text = kept.toString(StandardCharsets.UTF_8);
      boolean truncated = received > kept.length();
      if (spec.expectJson() && !truncated && !isJson(text)) {
        String type = response.getHeader("content-type");
        String start = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        promise.tryFail(new IllegalStateException("HTTP " + response.statusCode() + " from " + where()
            + ": expected a JSON body, got " + (type == null ? "no content type" : type) + ": "
            + env.secrets().redact(start.replace('\n', ' '))));
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().forEach((k, v) -> headers.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> a + ", " + b));
      promise.tryComplete(Observation.builder()
          .put("CONNECTED", true)
          .put("STATUS", response.statusCode())
          .put("RESPONSE_TIME", Duration.ofNanos(clock.elapsedNanos()))
          .put("HEADER", headers)
          .put("BODY_SIZE", received)
          .put("BODY_TRUNCATED", truncated)
          .put("BODY", text)
          .put("PHASES", clock.seconds())
          .build());
    }

    private void timedOut() {
      if (over()) return;
      boolean body = clock.current() == Phase.TRANSFER;
      fail(HttpTargets.timeout(where(), Durations.format(timeout), clock.doing(), clock.elapsedNanos(), body,
          body ? size(received) : null));
    }

    /**
     * A transport failure of hop or retry {@code a}: described for users ({@code connection refused: host:port}). A
     * reused connection that fails before the response head (the server closed it while idle) is replaced once.
     */
    private void failed(Throwable cause, int a) {
      if (over() || a != attempt) return;
      boolean nothingSent = clock.current() == Phase.CONNECT; // the reused connection failed to take the request
      if (reused && !retried
          && (nothingSent || clock.current() == Phase.FIRST_BYTE && IDEMPOTENT.contains(hopMethod))) {
        retried = true;
        abort();
        closeOwn();
        hop(url, hopMethod, hopBody);
        return;
      }
      fail(HttpTargets.describe(cause, host(url), port(url), Durations.format(timeout), spec.tls()));
    }

    private void fail(Exception failure) {
      if (over()) return;
      clock.stop();
      env.vertx().cancelTimer(timer);
      Phase phase = clock.current();
      boolean connecting = phase == Phase.RESOLVE || phase == Phase.CONNECT || phase == Phase.TLS;
      if (spec.observeConnectFailure() && connecting
          && (HttpTargets.isConnectFailure(failure) || failure instanceof TimeoutException)) {
        promise.tryComplete(Observation.builder()
            .put("CONNECTED", false)
            .put("RESPONSE_TIME", Duration.ofNanos(clock.elapsedNanos()))
            .put("PHASES", clock.seconds())
            .build());
      } else {
        promise.tryFail(failure);
      }
      if (!responseEnded) abort(); // after completing: the reset's own failure must not replace the cause
      closeOwn();
    }

    /** Resets the request in flight and closes its connection: nothing of an ended run stays open. */
    private void abort() {
      HttpClientRequest r = request;
      if (r == null) return;
      HttpConnection connection = r.connection();
      r.reset();
      if (connection != null) connection.close();
    }

    private String where() {
      return host(url) + ":" + port(url);
    }
  }

  /**
   * For a failed {@code STATUS} condition: nginx answers 400 when a required client certificate is missing or
   * refused, and says so only in the body.
   */
  @Override
  public String reason(Set<String> placeholders, Observation o) {
    if (!placeholders.contains("STATUS") || !Integer.valueOf(400).equals(o.get("STATUS").orElse(null))) return null;
    String body = String.valueOf(o.get("BODY").orElse(""));
    if (body.contains("No required SSL certificate was sent")) return TlsFailures.notSent(spec.tls());
    if (body.contains("The SSL certificate error")) {
      return "the server refused the client certificate " + spec.tls().clientCert();
    }
    return null;
  }

  /**
   * What {@link RequestOptions#setAbsoluteURI(String)} sets (ssl, host, port, path and query), read from the parsed
   * URI instead of parsing its text again as a {@link java.net.URL} on every run.
   */
  static RequestOptions aimedAt(RequestOptions o, URI url) {
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery();
    return o.setSsl(https).setHost(url.getHost()).setPort(port(url)).setURI(query == null ? path : path + "?" + query);
  }

  static String host(URI url) {
    String h = url.getHost();
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  private static boolean isJson(String text) {
    if (text.isBlank()) return false;
    try {
      Json.decodeValue(text);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }
}
