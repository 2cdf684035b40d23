package dev.golive.probe.promql;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code promql: { url: http://prometheus:9090, query: "...", no-data: fail }}: one instant query through the
 * Prometheus HTTP API. Observes {@code VALUE} (the scalar, the single series' value, or the largest of several),
 * {@code SERIES} (how many series), {@code LABELS} (the labels of the series behind VALUE) and {@code RESULT}
 * (every series as {@code {labels, value}}, for {@code [RESULT][*].value < 0.05}).
 */
public final class PromqlProbeKind implements ProbeKind<PromqlSpec> {

  @Override
  public String name() {
    return "promql";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("VALUE:number SERIES:count LABELS:map RESULT:json");
  }

  @Override
  public PromqlSpec parse(ConfigNode block) {
    if (!block.allowOnly(TlsSettings.withKeys("url", "query", "basic", "bearer", "headers", "no-data"))) return null;
    String url = block.requiredString("url");
    String query = block.requiredString("query");
    String bearer = block.string("bearer", null);
    String user = null;
    String password = null;
    ConfigNode basic = block.get("basic").orElse(null);
    if (basic != null && basic.allowOnly("user", "password")) {
      user = basic.requiredString("user");
      password = basic.requiredString("password");
      if (user != null && password != null) block.secrets().registerBasic(user, password);
    }
    block.secrets().register(bearer);
    if (basic != null && bearer != null) block.problem("use either basic or bearer authentication, not both");
    String noData = block.choice("no-data", "fail", "fail", "inconclusive", "zero", "ignore");
    var headers = block.stringMap("headers");
    TlsSettings tls = TlsSettings.read(block);
    if (url != null) {
      try {
        URI u = URI.create(url);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        block.get("url").get().problem("expected the Prometheus base URL, e.g. http://prometheus:9090");
        return null;
      }
    }
    if (query != null && query.isBlank()) {
      block.get("query").get().problem("must not be empty");
      return null;
    }
    if (url == null || query == null) return null;
    PromqlSpec.NoData policy = noData.equals("ignore") ? PromqlSpec.NoData.ZERO
        : PromqlSpec.NoData.valueOf(noData.toUpperCase(Locale.ROOT));
    return new PromqlSpec(url, query, user, password, bearer, headers, policy, tls);
  }

  /** {@code [SERIES] > 0}; a promql probe should always say what it expects of VALUE. */
  @Override
  public List<String> defaultConditions(PromqlSpec spec) {
    return List.of("[SERIES] > 0");
  }

  @Override
  public Observer observer(PromqlSpec spec, ProbeEnvironment env, Duration timeout) {
    return new PromqlObserver(spec, env, timeout);
  }
}
