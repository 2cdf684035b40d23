package dev.golive.probe.http;

import dev.golive.config.ConfigNode;
import dev.golive.probe.tls.TlsFailures;
import dev.golive.probe.tls.TlsSettings;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** URL checks and failure messages shared by the probe kinds that speak HTTP. */
public final class HttpTargets {
  private HttpTargets() {}

  /** Reads {@code key} as an absolute http(s) URL, reporting a problem at its node when it is not one. */
  public static URI url(ConfigNode block, String key) {
    String text = block.requiredString(key);
    if (text == null) return null;
    ConfigNode node = block.get(key).orElse(block);
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        node.problem("expected an http:// or https:// URL, got '" + block.secrets().redact(text) + "'");
        return null;
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        node.problem("URL has no host: '" + block.secrets().redact(text) + "'");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      node.problem("not a valid URL: " + block.secrets().redact(e.getMessage()));
      return null;
    }
  }

  /** {@code host:port} of a URL, with the scheme's default port. */
  public static String authority(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getHost() + ":" + port;
  }

  /** True when {@code t} means no connection could be made (refused, unknown host, no route, connect timeout). */
  public static boolean isConnectFailure(Throwable t) {
    return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
        || t instanceof ConnectTimeoutException;
  }

  /**
   * A failure as a user reads it: {@code connection refused: host:port}, {@code unknown host: h},
   * {@code no response from host:port within 5s}, {@code TLS handshake with host:port failed: } and the reason in
   * words ({@link TlsFailures}).
   */
  public static Exception describe(Throwable t, String host, int port, String timeout) {
    return describe(t, host, port, timeout, null);
  }

  /** {@link #describe(Throwable, String, int, String)} knowing the TLS settings used (null when unknown). */
  public static Exception describe(Throwable t, String host, int port, String timeout, TlsSettings tls) {
    String where = host + ":" + port;
    if (t instanceof NamedTimeout named) return named;
    if (t instanceof UnknownHostException) return new ConnectException("unknown host: " + host);
    if (t instanceof ConnectTimeoutException) return new ConnectException("connect timed out: " + where);
    if (t instanceof NoRouteToHostException) return new ConnectException("no route to host: " + where);
    if (t instanceof ConnectException) return new ConnectException("connection refused: " + where);
    String reason = TlsFailures.reason(t, tls);
    if (reason != null) return new SSLException("TLS handshake with " + where + " failed: " + reason);
    if (t instanceof TimeoutException || isVertxTimeout(t)) {
      return new TimeoutException("no response from " + where + " within " + timeout);
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new IllegalStateException(where + ": " + message, t);
  }

  /**
   * The timeout of a run or request that names where it went and the phase it was in: {@code no response from
   * api.example.com:443 within 5s (waiting for the first byte after 5.0s)}, or, once the response head arrived,
   * {@code response from host:port not complete within 5s (reading the body after 5.0s, 1.2 KiB received)}
   * ({@code received} null when unknown). The one wording every HTTP-speaking kind uses.
   */
  public static NamedTimeout timeout(String where, String timeout, String doing, long elapsedNanos,
      boolean inBody, String received) {
    String what = inBody ? "response from " + where + " not complete" : "no response from " + where;
    return new NamedTimeout(what + " within " + timeout + " (" + doing + " after "
        + String.format(Locale.ROOT, "%.1fs", elapsedNanos / 1e9) + (received == null ? "" : ", " + received + " received")
        + ")");
  }

  /** A timeout whose message already names host:port and the phase ({@link #timeout}); kept as it is. */
  public static final class NamedTimeout extends TimeoutException {
    NamedTimeout(String message) {
      super(message);
    }
  }

  /** True for a Vert.x request timeout ({@code The timeout period of ... has been exceeded}). */
  public static boolean isVertxTimeout(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName().contains("Timeout") || m != null && m.startsWith("The timeout period");
  }
}
