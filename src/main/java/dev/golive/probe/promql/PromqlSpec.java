package dev.golive.probe.promql;

import dev.golive.probe.tls.TlsSettings;
import java.util.Map;

/**
 * A {@code promql} probe: the Prometheus-compatible base URL ({@code http://prometheus:9090}, a Thanos/Mimir query
 * frontend...), the instant query, optional credentials (basic user/password or a bearer token; resolved secrets),
 * extra headers (e.g. {@code X-Scope-OrgID}) and what an empty result means.
 */
public record PromqlSpec(String url, String query, String user, String password, String bearer,
    Map<String, String> headers, NoData noData, TlsSettings tls) {
  public PromqlSpec {
    headers = Map.copyOf(headers);
  }

  /** What to do when the query returns no series (or only NaN samples). */
  public enum NoData {
    /** The run fails with "query returned no data". */
    FAIL,
    /** VALUE is absent, so conditions on it have no data and the run is inconclusive. */
    INCONCLUSIVE,
    /** VALUE reads as 0: for counters and error series that only exist once something happened. */
    ZERO
  }

  @Override
  public String toString() {
    return "PromqlSpec[" + url + ", " + query + ", noData=" + noData + "]";
  }
}
