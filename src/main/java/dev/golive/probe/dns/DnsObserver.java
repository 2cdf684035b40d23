package dev.golive.probe.dns;

import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.Future;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import io.vertx.core.dns.MxRecord;
import java.time.Duration;
import java.util.List;

/**
 * Asks the resolver once through Vert.x's non-blocking {@link DnsClient}, with a query timeout below the probe's.
 * NXDOMAIN is an answer (no records, {@code RCODE} NXDOMAIN), so "this name must not exist" can be checked; other
 * errors (timeout, SERVFAIL, REFUSED) fail the observation with their code.
 */
final class DnsObserver implements Observer {
  private final DnsSpec spec;
  private final DnsClient client;

  DnsObserver(DnsSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    DnsClientOptions options = new DnsClientOptions()
        .setQueryTimeout(Math.max(1, timeout.toMillis() * 9 / 10))
        .setRecursionDesired(true);
    if (spec.resolverHost() != null) options.setHost(spec.resolverHost()).setPort(spec.resolverPort());
    this.client = env.vertx().createDnsClient(options);
  }

  @Override
  public Future<Observation> observe() {
    long t0 = System.nanoTime();
    return query().transform(ar -> {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      if (ar.succeeded()) return Future.succeededFuture(observation(ar.result(), "NOERROR", took));
      if (ar.cause() instanceof DnsException e && e.code() == DnsResponseCode.NXDOMAIN) {
        return Future.succeededFuture(observation(List.of(), "NXDOMAIN", took));
      }
      String why = ar.cause() instanceof DnsException e ? e.code().name() : String.valueOf(ar.cause().getMessage());
      return Future.failedFuture(spec.type() + " " + spec.name() + " via "
          + (spec.resolverHost() == null ? "the system resolver" : spec.resolverHost() + ":" + spec.resolverPort())
          + ": " + why);
    });
  }

  private Future<List<String>> query() {
    String name = spec.name();
    return switch (spec.type()) {
      case A -> client.resolveA(name);
      case AAAA -> client.resolveAAAA(name);
      case CNAME -> client.resolveCNAME(name);
      case TXT -> client.resolveTXT(name);
      case NS -> client.resolveNS(name);
      case MX -> client.resolveMX(name).map(list -> list.stream().map(DnsObserver::mx).toList());
    };
  }

  private static String mx(MxRecord r) {
    return r.priority() + " " + r.name();
  }

  private Observation observation(List<String> raw, String rcode, Duration took) {
    List<String> records = raw.stream().map(this::normalize).sorted().toList();
    Observation.Builder b = Observation.builder()
        .put(DnsProbeKind.RECORDS, records)
        .put(DnsProbeKind.RECORD_COUNT, records.size())
        .put(DnsProbeKind.RESOLVE_TIME, took)
        .put(DnsProbeKind.RCODE, rcode);
    if (!spec.expect().isEmpty()) {
      b.put(DnsProbeKind.MATCHES, Records.matches(spec.type(), records, spec.expect(), spec.match()));
    }
    return b.build();
  }

  private String normalize(String record) {
    try {
      return Records.normalize(spec.type(), record);
    } catch (IllegalArgumentException e) {
      return record; // shown as the server sent it; it simply will not match
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
