package dev.golive.probe.access;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.request.BaseUrl;
import dev.golive.probe.request.JsonPath;
import dev.golive.probe.request.RequestLine;
import dev.golive.probe.request.StatusSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code access}: an authorization matrix (credentials × routes → expected statuses) plus data-scope checks that
 * every row a query returns belongs to the caller's tenant.
 */
public final class AccessProbeKind implements ProbeKind<AccessSpec> {
  static final String VIOLATIONS = "VIOLATIONS";
  static final String VIOLATION_COUNT = "VIOLATION_COUNT";
  static final String LEAKS = "LEAKS";
  static final String LEAK_COUNT = "LEAK_COUNT";
  static final String CHECKS = "CHECKS";

  @Override
  public String name() {
    return "access";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("VIOLATIONS:list VIOLATION_COUNT:count LEAKS:list LEAK_COUNT:count CHECKS:count");
  }

  @Override
  public AccessSpec parse(ConfigNode block) {
    if (!block.allowOnly(TlsSettings.withKeys("url", "credentials", "routes", "scope", "concurrency"))) return null;
    BaseUrl url = BaseUrl.read(block, "url");
    Map<String, Credential> credentials = credentials(block);
    Set<String> declared = block.get("credentials").map(ConfigNode::keys).orElse(Set.of());
    List<AccessSpec.Route> routes = new ArrayList<>();
    boolean ok = url != null && credentials != null;
    for (ConfigNode r : block.get("routes").map(ConfigNode::elements).orElse(List.of())) {
      AccessSpec.Route route = route(r, declared);
      ok &= route != null;
      if (route != null) routes.add(route);
    }
    List<AccessSpec.Scope> scope = new ArrayList<>();
    for (ConfigNode s : block.get("scope").map(ConfigNode::elements).orElse(List.of())) {
      AccessSpec.Scope check = scope(s, declared);
      ok &= check != null;
      if (check != null) scope.add(check);
    }
    if (routes.isEmpty() && scope.isEmpty() && ok) {
      block.problem("give at least one entry under routes or scope");
      ok = false;
    }
    int concurrency = block.integer("concurrency", 4, 1, 32);
    TlsSettings tls = TlsSettings.read(block);
    return ok ? new AccessSpec(url, credentials, routes, scope, concurrency, tls) : null;
  }

  private static Map<String, Credential> credentials(ConfigNode block) {
    Optional<ConfigNode> n = block.required("credentials");
    if (n.isEmpty() || !n.get().expectMap()) return null;
    Map<String, Credential> out = new LinkedHashMap<>();
    boolean ok = true;
    for (String name : n.get().keys()) {
      ConfigNode c = n.get().get(name).orElse(null);
      if (c == null) {
        block.problems().add(n.get().location(), "credentials." + name + ": expected none or a credential");
        ok = false;
        continue;
      }
      Credential credential = Credential.read(name, c);
      if (credential == null) ok = false;
      else out.put(name, credential);
    }
    if (ok && out.isEmpty()) {
      n.get().problem("give at least one credential, e.g. anonymous: none");
      return null;
    }
    return ok ? out : null;
  }

  private static AccessSpec.Route route(ConfigNode r, Set<String> credentials) {
    if (!r.expectMap()) return null;
    boolean known = r.allowOnly("request", "expect", "headers", "body");
    RequestLine request = RequestLine.read(r, "request");
    Map<String, String> headers = r.stringMap("headers");
    String body = r.string("body", null);
    Map<String, StatusSet> expect = new LinkedHashMap<>();
    boolean ok = known && request != null;
    Optional<ConfigNode> e = r.required("expect");
    if (e.isEmpty() || !e.get().expectMap()) return null;
    for (String who : e.get().keys()) {
      ConfigNode statuses = e.get().get(who).orElse(e.get());
      if (!credentials.contains(who)) {
        statuses.problem("unknown credential '" + who + "' (defined: " + String.join(", ", credentials) + ")");
        ok = false;
        continue;
      }
      StatusSet s = StatusSet.read(statuses);
      if (s == null) ok = false;
      else expect.put(who, s);
    }
    if (ok && expect.isEmpty()) {
      e.get().problem("give the expected statuses of at least one credential, e.g. anonymous: [401, 403]");
      ok = false;
    }
    return ok ? new AccessSpec.Route(request, headers, body, expect) : null;
  }

  private static AccessSpec.Scope scope(ConfigNode s, Set<String> credentials) {
    if (!s.expectMap()) return null;
    boolean known = s.allowOnly("as", "request", "headers", "body", "rows", "field", "equals", "min-rows");
    String as = s.requiredString("as");
    boolean ok = known && as != null;
    if (as != null && !credentials.contains(as)) {
      s.get("as").orElse(s).problem("unknown credential '" + as + "' (defined: "
          + String.join(", ", credentials) + ")");
      ok = false;
    }
    RequestLine request = RequestLine.read(s, "request");
    JsonPath rows = path(s, "rows");
    JsonPath field = path(s, "field");
    String equals = s.requiredString("equals");
    int minRows = s.integer("min-rows", 1, 0, 1_000_000);
    ok &= request != null && rows != null && field != null && equals != null;
    return ok ? new AccessSpec.Scope(as, request, s.stringMap("headers"), s.string("body", null), rows, field, equals,
        minRows) : null;
  }

  private static JsonPath path(ConfigNode s, String key) {
    return s.required(key).map(n -> {
      try {
        return JsonPath.parse(n.asString());
      } catch (IllegalArgumentException e) {
        n.problem(e.getMessage());
        return null;
      }
    }).orElse(null);
  }

  @Override
  public List<String> defaultConditions(AccessSpec spec) {
    return spec.scope().isEmpty()
        ? List.of("[VIOLATION_COUNT] == 0")
        : List.of("[VIOLATION_COUNT] == 0", "[LEAK_COUNT] == 0");
  }

  @Override
  public Observer observer(AccessSpec spec, ProbeEnvironment env, Duration timeout) {
    return new AccessObserver(spec, env, timeout);
  }
}
