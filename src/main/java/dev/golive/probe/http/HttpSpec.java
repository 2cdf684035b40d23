package dev.golive.probe.http;

import dev.golive.probe.tls.TlsSettings;
import java.net.URI;
import java.util.Map;

/**
 * An {@code http:} probe block, validated. {@code observeConnectFailure} turns a failed connection into an
 * observation with {@code CONNECTED=false} instead of an error (for "must not be reachable" items).
 * {@code maxRedirects} bounds {@code followRedirects}; {@code tls} says how certificates are checked. {@code keepAlive}
 * reuses connections between runs instead of opening (and, for https, verifying) a fresh one each run.
 */
public record HttpSpec(
    URI url,
    String method,
    Map<String, String> headers,
    String body,
    String basicUser,
    String basicPassword,
    String bearer,
    boolean followRedirects,
    boolean expectJson,
    boolean observeConnectFailure,
    int maxRedirects,
    TlsSettings tls,
    boolean keepAlive) {

  public HttpSpec {
    headers = Map.copyOf(headers);
  }

  /** Default TLS settings, or {@code insecure} only; a fresh connection per run. */
  public HttpSpec(URI url, String method, Map<String, String> headers, String body, String basicUser,
      String basicPassword, String bearer, boolean insecure, boolean followRedirects, boolean expectJson,
      boolean observeConnectFailure, int maxRedirects) {
    this(url, method, headers, body, basicUser, basicPassword, bearer, followRedirects, expectJson,
        observeConnectFailure, maxRedirects, insecure ? new TlsSettings(null, null, null, null, true)
            : TlsSettings.DEFAULT, false);
  }

  /** True when certificates are not checked at all. */
  public boolean insecure() {
    return tls.insecure();
  }
}
