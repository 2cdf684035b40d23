package dev.golive.probe.http;

import java.net.URI;
import java.util.Map;

/**
 * An {@code http:} probe block, validated. {@code observeConnectFailure} turns a failed connection into an
 * observation with {@code CONNECTED=false} instead of an error (for "must not be reachable" items).
 * {@code maxRedirects} bounds {@code followRedirects}. {@code keepAlive} reuses connections between runs instead of
 * opening (and, for https, verifying) a fresh one each run.
 */
public record HttpSpec(
    URI url,
    String method,
    Map<String, String> headers,
    String body,
    String basicUser,
    String basicPassword,
    String bearer,
    boolean insecure,
    boolean followRedirects,
    boolean expectJson,
    boolean observeConnectFailure,
    int maxRedirects,
    boolean keepAlive) {

  public HttpSpec {
    headers = Map.copyOf(headers);
  }

  /** Without keep-alive: a fresh connection per run. */
  public HttpSpec(URI url, String method, Map<String, String> headers, String body, String basicUser,
      String basicPassword, String bearer, boolean insecure, boolean followRedirects, boolean expectJson,
      boolean observeConnectFailure, int maxRedirects) {
    this(url, method, headers, body, basicUser, basicPassword, bearer, insecure, followRedirects, expectJson,
        observeConnectFailure, maxRedirects, false);
  }
}
