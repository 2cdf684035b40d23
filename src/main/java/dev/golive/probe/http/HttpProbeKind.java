package dev.golive.probe.http;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.tls.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code http:} probes: one request, observed as {@code STATUS}, {@code BODY}, {@code HEADER},
 * {@code RESPONSE_TIME} and {@code CONNECTED}.
 */
public final class HttpProbeKind implements ProbeKind<HttpSpec> {
  static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final Set<String> PLACEHOLDERS = Placeholders.of("STATUS:status BODY:json HEADER:map"
      + " RESPONSE_TIME:duration CONNECTED:bool BODY_SIZE:size BODY_TRUNCATED:bool");
  private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public HttpSpec parse(ConfigNode block) {
    if (!block.isMap()) {
      block.problem("expected a mapping such as { url: \"https://example.com/health\" }");
      return null;
    }
    block.allowOnly(TlsSettings.withKeys("url", "method", "headers", "body", "basic", "bearer", "follow-redirects",
        "expect-json", "connect-failure", "max-redirects", "keep-alive"));
    URI url = HttpTargets.url(block, "url");
    String method = block.choice("method", "GET", METHODS);
    Map<String, String> headers = block.stringMap("headers");
    String body = block.string("body", null);
    String user = null;
    String password = null;
    ConfigNode basic = block.get("basic").orElse(null);
    if (basic != null && basic.allowOnly("user", "password")) {
      user = basic.requiredString("user");
      password = basic.string("password", "");
      if (user != null) block.secrets().registerBasic(user, password);
    }
    String bearer = block.string("bearer", null);
    block.secrets().register(bearer);
    if (basic != null && bearer != null) {
      block.get("bearer").orElseThrow().keyProblem("use either basic or bearer authentication, not both");
    }
    TlsSettings tls = TlsSettings.read(block);
    boolean follow = block.bool("follow-redirects", false);
    boolean json = block.bool("expect-json", false);
    int maxRedirects = block.integer("max-redirects", DEFAULT_MAX_REDIRECTS, 1, 20);
    if (block.has("max-redirects") && !follow) {
      block.get("max-redirects").orElseThrow().problem("only applies with follow-redirects: true");
    }
    boolean keepAlive = block.bool("keep-alive", false);
    boolean observeRefusal = "observe".equals(block.choice("connect-failure", "fail", "fail", "observe"));
    if (url == null || (basic != null && user == null)) return null;
    return new HttpSpec(url, method, headers, body, user, password, bearer, follow, json, observeRefusal,
        maxRedirects, tls, keepAlive);
  }

  @Override
  public List<String> defaultConditions(HttpSpec spec) {
    return spec.observeConnectFailure() ? List.of("[CONNECTED] == true", "[STATUS] < 400") : List.of("[STATUS] < 400");
  }

  @Override
  public Observer observer(HttpSpec spec, ProbeEnvironment env, Duration timeout) {
    return new HttpObserver(spec, env, timeout);
  }
}
