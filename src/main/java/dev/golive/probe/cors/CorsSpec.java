package dev.golive.probe.cors;

import dev.golive.probe.tls.TlsSettings;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code cors:} block: preflights {@code url} as {@code origin} (must be allowed) and as
 * {@code foreignOrigin} (must not be), asking for {@code method} and {@code requestHeaders}.
 */
public record CorsSpec(String url, String origin, String foreignOrigin, String method, List<String> requestHeaders,
    Map<String, String> headers, TlsSettings tls) {

  public CorsSpec {
    requestHeaders = List.copyOf(requestHeaders);
    headers = Map.copyOf(headers);
  }
}
