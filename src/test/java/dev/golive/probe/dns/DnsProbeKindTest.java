package dev.golive.probe.dns;

import static dev.golive.probe.request.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.request.Fixtures;
import dev.golive.probe.request.Fixtures.Parsed;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsProbeKindTest {
  private static final DnsProbeKind KIND = new DnsProbeKind();
  private static final Secrets SECRETS = Secrets.of(Map.of());
  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static FakeDnsServer dns;

  @BeforeAll
  static void start() throws InterruptedException {
    vertx = Vertx.vertx();
    env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"), SECRETS);
    dns = new FakeDnsServer()
        .a("api.example.com", "203.0.113.10", "203.0.113.11")
        .aaaa("api.example.com", "2001:db8::10")
        .aaaa("localhost.example.com", "::1")
        .cname("www.example.com", "Edge.CDN.example.net.")
        .txt("example.com", "v=spf1 include:_spf.example.net -all")
        .txt("_dmarc.example.com", "v=DMARC1; p=reject")
        .mx("example.com", 10, "mx1.example.com")
        .mx("example.com", 20, "mx2.example.com")
        .fail("broken.example.com", DnsResponseCode.SERVFAIL);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    dns.close();
    env.close();
    await(vertx.close());
  }

  private static DnsSpec spec(String yaml) {
    String withResolver = yaml.substring(0, yaml.lastIndexOf('}')) + ", resolver: '127.0.0.1:" + dns.port() + "' }";
    Parsed<DnsSpec> parsed = Fixtures.parse(KIND, withResolver, SECRETS);
    assertThat(parsed.messages()).isEmpty();
    return parsed.spec();
  }

  private static Observation observe(String yaml) {
    DnsSpec spec = spec(yaml);
    return await(vertx, () -> KIND.observer(spec, env, Duration.ofSeconds(3)).observe());
  }

  @Test
  void registered() {
    assertThat(ProbeKinds.byName("dns")).containsInstanceOf(DnsProbeKind.class);
  }

  @Test
  void aRecordsMatchExactly() {
    Observation o = observe("{ name: api.example.com, type: A, expect: [203.0.113.11, 203.0.113.10] }");
    assertThat(o.get("RECORDS")).contains(List.of("203.0.113.10", "203.0.113.11"));
    assertThat(o.get("RECORD_COUNT")).contains(2);
    assertThat(o.get("MATCHES")).contains(true);
    assertThat(o.get("RCODE")).contains("NOERROR");
    assertThat(o.get("RESOLVE_TIME").orElseThrow()).isInstanceOf(Duration.class);
  }

  @Test
  void aLingeringOldAddressFailsExactButPassesContains() {
    assertThat(observe("{ name: api.example.com, expect: [203.0.113.10] }").get("MATCHES")).contains(false);
    assertThat(observe("{ name: api.example.com, expect: [203.0.113.10], match: contains }").get("MATCHES"))
        .contains(true);
    assertThat(observe("{ name: api.example.com, expect: [198.51.100.1], match: contains }").get("MATCHES"))
        .contains(false);
  }

  @Test
  void ipv6SpellingsAgree() {
    Observation o = observe("{ name: localhost.example.com, type: AAAA, expect: ['0:0:0:0:0:0:0:1'] }");
    assertThat(o.get("MATCHES")).contains(true);
    assertThat(observe("{ name: api.example.com, type: aaaa, expect: ['2001:DB8:0::10'] }").get("MATCHES"))
        .contains(true);
  }

  @Test
  void cnameIsComparedWithoutCaseOrTrailingDot() {
    Observation o = observe("{ name: www.example.com, type: CNAME, expect: [edge.cdn.example.net.] }");
    assertThat(o.get("RECORDS")).contains(List.of("edge.cdn.example.net"));
    assertThat(o.get("MATCHES")).contains(true);
  }

  @Test
  void txtRecords() {
    Observation o = observe("{ name: _dmarc.example.com, type: TXT, expect: ['v=DMARC1; p=reject'] }");
    assertThat(o.get("MATCHES")).contains(true);
    assertThat(observe("{ name: example.com, type: TXT, expect: ['v=spf1 +all'] }").get("MATCHES")).contains(false);
  }

  @Test
  void mxRecordsWithOrWithoutPriority() {
    Observation o = observe("{ name: example.com, type: MX, expect: ['10 mx1.example.com', mx2.example.com] }");
    assertThat(o.get("RECORDS")).contains(List.of("10 mx1.example.com", "20 mx2.example.com"));
    assertThat(o.get("MATCHES")).contains(true);
    assertThat(observe("{ name: example.com, type: MX, expect: ['20 mx1.example.com'], match: contains }")
        .get("MATCHES")).contains(false);
  }

  @Test
  void nxdomainIsAnAnswerWithNoRecords() {
    Observation o = observe("{ name: old.example.com }");
    assertThat(o.get("RECORD_COUNT")).contains(0);
    assertThat(o.get("RECORDS")).contains(List.of());
    assertThat(o.get("RCODE")).contains("NXDOMAIN");
    assertThat(o.has("MATCHES")).isFalse();
  }

  @Test
  void servfailFailsTheObservationWithItsCode() {
    DnsSpec spec = spec("{ name: broken.example.com }");
    Throwable t = Fixtures.failure(vertx, () -> KIND.observer(spec, env, Duration.ofSeconds(3)).observe());
    assertThat(t).hasMessage("A broken.example.com via 127.0.0.1:" + dns.port() + ": SERVFAIL");
  }

  @Test
  void silentResolverTimesOutWithinTheProbeTimeout() throws Exception {
    try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      Parsed<DnsSpec> parsed = Fixtures.parse(KIND, "{ name: api.example.com, resolver: '127.0.0.1:"
          + silent.getLocalPort() + "' }", SECRETS);
      long t0 = System.nanoTime();
      Throwable t = Fixtures.failure(vertx, () -> KIND.observer(parsed.spec(), env, Duration.ofMillis(1000)).observe());
      // bounded by the probe's timeout, not by Vert.x's default 5s query timeout (slack for loaded CI machines)
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2500));
      assertThat(t.getMessage()).startsWith("A api.example.com via 127.0.0.1:" + silent.getLocalPort() + ": ");
    }
  }

  @Test
  void defaultConditionsEvaluate() {
    String exact = "{ name: api.example.com, expect: [203.0.113.10] }";
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec(exact)), observe(exact)))
        .singleElement().asString().startsWith("FAILED [MATCHES] (false)");
    String contains = "{ name: api.example.com, expect: [203.0.113.10], match: contains }";
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec(contains)), observe(contains)))
        .singleElement().asString().startsWith("PASSED");
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec("{ name: gone.example.com }")),
        observe("{ name: gone.example.com }"))).singleElement().asString().startsWith("FAILED [RECORD_COUNT] (0)");
  }

  @Test
  void defaultConditions() {
    assertThat(KIND.defaultConditions(spec("{ name: a.example.com, expect: [192.0.2.1] }")))
        .containsExactly("[MATCHES] == true");
    assertThat(KIND.defaultConditions(spec("{ name: a.example.com }"))).containsExactly("[RECORD_COUNT] > 0");
  }

  @Test
  void configProblemsAreReportedWithLocations() {
    Parsed<DnsSpec> parsed = Fixtures.parse(KIND, """
        name: "bad name!"
        type: SRV
        expect: [not-an-ip]
        resolver: "1.2.3.4:99999"
        ttl: 60
        """, SECRETS);
    assertThat(parsed.spec()).isNull();
    assertThat(parsed.messages()).containsExactly(
        "golive.yaml:2:9: probe.name: expected a DNS name such as api.example.com, got 'bad name!'",
        "golive.yaml:3:9: probe.type: expected one of A, AAAA, CNAME, TXT, MX, NS, got 'SRV'",
        "golive.yaml:4:12: probe.expect[0]: not an IPv4 address: 'not-an-ip' (type A)",
        "golive.yaml:5:13: probe.resolver: expected HOST or HOST:PORT such as 127.0.0.1:53 or [::1]:53,"
            + " got '1.2.3.4:99999'",
        "golive.yaml:6:3: unknown key 'ttl' in 'probe' (known keys: expect, match, name, resolver, type)");
  }
}
