package dev.golive.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The probe kinds golive knows, by the key that selects them in {@code golive.yaml}. */
public final class ProbeKinds {
  private static final Map<String, ProbeKind<?>> KINDS = new LinkedHashMap<>();

  static {
    ProbeKind<?>[] all = {
        // one line per kind, each ending with a comma; keep alphabetical
        new dev.golive.probe.access.AccessProbeKind(),
        new dev.golive.probe.backup.BackupProbeKind(),
        new dev.golive.probe.command.CommandProbeKind(),
        new dev.golive.probe.cors.CorsProbeKind(),
        new dev.golive.probe.dns.DnsProbeKind(),
        new dev.golive.probe.headers.HeadersProbeKind(),
        new dev.golive.probe.heartbeat.HeartbeatProbeKind(),
        new dev.golive.probe.http.HttpProbeKind(),
        new dev.golive.probe.metrics.MetricsProbeKind(),
        new dev.golive.probe.promql.PromqlProbeKind(),
        new dev.golive.probe.ratelimit.RateLimitProbeKind(),
        new dev.golive.probe.smoke.SmokeProbeKind(),
        new dev.golive.probe.sql.SqlProbeKind(),
        new dev.golive.probe.tcp.TcpProbeKind(),
        new dev.golive.probe.tls.TlsProbeKind(),
        new dev.golive.probe.webhook.WebhookProbeKind(),
    };
    for (ProbeKind<?> k : all) KINDS.put(k.name(), k);
  }

  private ProbeKinds() {}

  public static Optional<ProbeKind<?>> byName(String name) {
    return Optional.ofNullable(KINDS.get(name));
  }

  public static Set<String> names() {
    return KINDS.keySet();
  }
}
