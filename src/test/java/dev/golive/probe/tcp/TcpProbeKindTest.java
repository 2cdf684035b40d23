package dev.golive.probe.tcp;

import static dev.golive.probe.request.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.request.Fixtures;
import dev.golive.probe.request.Fixtures.Parsed;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpProbeKindTest {
  private static final TcpProbeKind KIND = new TcpProbeKind();
  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static final Secrets SECRETS = Secrets.of(Map.of());
  private static final Promise<Void> serverSawClose = Promise.promise();
  private static int listening;
  private static int refusing;

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"), SECRETS);
    NetServer server = await(vertx.createNetServer()
        .connectHandler(socket -> socket.closeHandler(v -> serverSawClose.tryComplete()))
        .listen(0, "127.0.0.1"));
    listening = server.actualPort();
    try (ServerSocket s = new ServerSocket(0)) {
      refusing = s.getLocalPort(); // bound then released: nothing listens there now
    }
  }

  @AfterAll
  static void stop() {
    env.close();
    await(vertx.close());
  }

  private static TcpSpec spec(String yaml) {
    Parsed<TcpSpec> parsed = Fixtures.parse(KIND, yaml, SECRETS);
    assertThat(parsed.messages()).isEmpty();
    return parsed.spec();
  }

  private static Observation observe(TcpSpec spec) {
    return await(vertx, () -> KIND.observer(spec, env, Duration.ofSeconds(3)).observe());
  }

  @Test
  void registered() {
    assertThat(ProbeKinds.byName("tcp")).containsInstanceOf(TcpProbeKind.class);
  }

  @Test
  void expectedPortsGiveNothingUnexpected() {
    Observation o = observe(spec("{ host: 127.0.0.1, open: [%d], closed: [%d] }".formatted(listening, refusing)));
    assertThat(o.get("OPEN")).contains(List.of(listening));
    assertThat(o.get("CLOSED")).contains(List.of(refusing));
    assertThat(o.get("UNEXPECTED_OPEN")).contains(List.of());
    assertThat(o.get("UNEXPECTED_CLOSED")).contains(List.of());
    assertThat(o.get("UNEXPECTED_OPEN_COUNT")).contains(0);
    assertThat(o.get("UNEXPECTED_CLOSED_COUNT")).contains(0);
    assertThat(o.get("CONNECT_TIME").orElseThrow()).isInstanceOf(Duration.class);
    assertThat(o.get("PORTS").orElseThrow()).isEqualTo(Map.of(Integer.toString(refusing), "refused",
        Integer.toString(listening), ((Map<?, ?>) o.get("PORTS").orElseThrow()).get(Integer.toString(listening))));
    assertThat(((Map<?, ?>) o.get("PORTS").orElseThrow()).get(Integer.toString(listening))).asString().startsWith("open in ");
    await(serverSawClose.future()); // the probe hangs up right after connecting
  }

  @Test
  void anOpenDatabasePortAndADeadWebPortAreUnexpected() {
    Observation o = observe(spec("{ host: 127.0.0.1, open: [%d], closed: [%d] }".formatted(refusing, listening)));
    assertThat(o.get("UNEXPECTED_OPEN")).contains(List.of(listening));
    assertThat(o.get("UNEXPECTED_CLOSED")).contains(List.of(refusing));
    assertThat(o.get("UNEXPECTED_OPEN_COUNT")).contains(1);
    assertThat(o.get("UNEXPECTED_CLOSED_COUNT")).contains(1);
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec("{ host: h, open: [1] }")), o))
        .containsExactly("FAILED [UNEXPECTED_OPEN_COUNT] (1) == 0", "FAILED [UNEXPECTED_CLOSED_COUNT] (1) == 0");
  }

  @Test
  void onlyClosedPortsHaveNoConnectTime() {
    Observation o = observe(spec("{ host: 127.0.0.1, closed: [%d] }".formatted(refusing)));
    assertThat(o.has("CONNECT_TIME")).isFalse();
    assertThat(o.get("CLOSED")).contains(List.of(refusing));
  }

  @Test
  void defaultConditionsCountUnexpectedPorts() {
    assertThat(KIND.defaultConditions(spec("{ host: h, open: [443] }")))
        .containsExactly("[UNEXPECTED_OPEN_COUNT] == 0", "[UNEXPECTED_CLOSED_COUNT] == 0");
  }

  @Test
  void configProblemsAreReportedWithLocations() {
    Parsed<TcpSpec> parsed = Fixtures.parse(KIND, """
        host: db.internal
        open: [443, 80]
        closed: [5432, 80, 70000, ssh]
        timeout: 1s
        """, SECRETS);
    assertThat(parsed.spec()).isNull();
    assertThat(parsed.messages()).containsExactly(
        "golive.yaml:4:18: probe.closed[1]: port 80 is listed twice (a port is either open or closed)",
        "golive.yaml:4:22: probe.closed[2]: expected a port number between 1 and 65535, got '70000'",
        "golive.yaml:4:29: probe.closed[3]: expected a port number between 1 and 65535, got 'ssh'",
        "golive.yaml:5:3: unknown key 'timeout' in 'probe' (known keys: closed, connect-timeout, host, open)");
  }

  @Test
  void needsAHostAndAPort() {
    Parsed<TcpSpec> parsed = Fixtures.parse(KIND, "{ open: [] }", SECRETS);
    assertThat(parsed.messages()).singleElement().asString().contains("missing required key 'probe.host'");
    parsed = Fixtures.parse(KIND, "{ host: h }", SECRETS);
    assertThat(parsed.messages()).singleElement().asString().contains("give at least one port under open or closed");
  }
}
