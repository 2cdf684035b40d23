package dev.golive.probe.access;

import dev.golive.probe.tls.TlsSettings;
import dev.golive.probe.request.BaseUrl;
import dev.golive.probe.request.JsonPath;
import dev.golive.probe.request.RequestLine;
import dev.golive.probe.request.StatusSet;
import java.util.List;
import java.util.Map;

/** The validated {@code access:} block: who may call what, and whose rows a query may return. */
public record AccessSpec(BaseUrl url, Map<String, Credential> credentials, List<Route> routes, List<Scope> scope,
    int concurrency, TlsSettings tls) {

  public AccessSpec {
    credentials = Map.copyOf(credentials);
    routes = List.copyOf(routes);
    scope = List.copyOf(scope);
  }

  /** One row of the matrix: a request and, per credential, the statuses it must get. */
  public record Route(RequestLine request, Map<String, String> headers, String body, Map<String, StatusSet> expect) {
    public Route {
      headers = Map.copyOf(headers);
      expect = Map.copyOf(expect);
    }
  }

  /** A data-scope check: every row at {@code rows} must have {@code field} equal to {@code equals}. */
  public record Scope(String as, RequestLine request, Map<String, String> headers, String body, JsonPath rows,
      JsonPath field, String equals, int minRows) {
    public Scope {
      headers = Map.copyOf(headers);
    }
  }
}
