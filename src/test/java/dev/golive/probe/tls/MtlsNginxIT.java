package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.demo.Certificates;
import dev.golive.probe.Nginx;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS against a real nginx (Debian package {@code nginx}) that requires client certificates
 * ({@code ssl_verify_client on}), started by the test as the current user in a temporary prefix, on loopback. Its
 * server certificate and the client certificates come from private CAs made in the test.
 */
class MtlsNginxIT {
  private static Nginx nginx;
  private static int port;
  private static Certificates.PemFiles server;
  private static Certificates.PemFiles client;
  private static Certificates.PemFiles stranger;
  private static Vertx vertx;
  private static ProbeEnvironment env;

  @BeforeAll
  static void startNginx() throws Exception {
    Path prefix = Nginx.prefix("golive-mtls");
    Instant now = Instant.now();
    Path tls = prefix.resolve("tls");
    server = Certificates.localhost(tls, "server", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
    Certificates.Issued clients = Certificates.ca("clients test CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)));
    client = TlsFixtures.client(tls, "probe", clients, "mtls-client");
    Certificates.Issued other = Certificates.ca("other test CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)));
    stranger = TlsFixtures.client(tls, "stranger", other, "someone-else");
    port = Nginx.freePort();
    nginx = Nginx.start(prefix, """
          server {
            listen 127.0.0.1:%1$d ssl;
            ssl_certificate %2$s;
            ssl_certificate_key %3$s;
            ssl_client_certificate %4$s;
            ssl_verify_client on;
            ssl_protocols TLSv1.2 TLSv1.3;
            add_header X-Content-Type-Options nosniff always;
            location / { return 200 "hello $ssl_client_s_dn\\n"; }
          }
        """.formatted(port, server.cert(), server.key(), client.caCert()), port);
    vertx = Vertx.vertx();
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
  }

  @AfterAll
  static void stopNginx() throws Exception {
    if (env != null) env.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get();
    if (nginx != null) nginx.close();
  }

  private static ProbeResult run(String kindName, String yaml) throws Exception {
    @SuppressWarnings("unchecked")
    ProbeKind<Object> kind = (ProbeKind<Object>) ProbeKinds.byName(kindName).orElseThrow();
    var parsed = WireTesting.parse(kind, yaml, Map.of());
    assertThat(parsed.problems()).as(yaml).isEmpty();
    return WireTesting.runWithDefaults(vertx, kind, parsed.spec(), env, WireTesting.GENEROUS);
  }

  private static String keys(Certificates.PemFiles pem) {
    return ", client-cert: \"" + pem.cert() + "\", client-key: \"" + pem.key() + "\"";
  }

  private static String http(String extra) {
    return "http: { url: \"https://localhost:" + port + "/\", ca-file: \"" + server.caCert() + "\"" + extra + " }";
  }

  @Test
  void withItsClientCertificateTheProbePasses() throws Exception {
    ProbeResult r = run("http", http(keys(client)));

    assertThat(r.success()).as("%s", r).isTrue();
    assertThat(r.observed()).containsEntry("STATUS", 200);
    assertThat(String.valueOf(r.observed().get("BODY"))).contains("CN=mtls-client");
  }

  @Test
  void withoutAClientCertificateItFailsSayingTheServerRequiresOne() throws Exception {
    ProbeResult r = run("http", http(""));

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).isEqualTo("[STATUS] (400) < 400: the server requires a client certificate and none was "
        + "sent (set client-cert and client-key)");
    assertThat(String.valueOf(r.observed().get("BODY"))).contains("No required SSL certificate was sent");
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefused() throws Exception {
    ProbeResult r = run("http", http(keys(stranger)));

    assertThat(r.success()).isFalse();
    assertThat(r.summary()).isEqualTo("[STATUS] (400) < 400: the server requires a client certificate and "
        + stranger.cert() + " was not sent: it is not issued by a CA the server accepts");
  }

  @Test
  void everyKindThatSpeaksHttpPresentsTheClientCertificate() throws Exception {
    String base = "url: \"https://localhost:" + port + "\", ca-file: \"" + server.caCert() + "\"" + keys(client);
    assertThat(run("headers", "headers: { " + base + ", checks: [nosniff] }").success()).isTrue();
    assertThat(run("smoke", "smoke: { " + base + ", steps: [ { request: GET /, expect: 200 } ] }").success())
        .isTrue();
    assertThat(run("access", "access: { " + base + ", credentials: { me: { headers: { X-Who: x-1234 } } }, "
        + "routes: [ { request: GET /, expect: { me: 200 } } ] }").success()).isTrue();
    ProbeResult tls = run("tls", "tls: { host: 127.0.0.1, port: " + port + ", server-name: localhost, ca-file: \""
        + server.caCert() + "\"" + keys(client) + " }");
    assertThat(tls.success()).as("%s", tls).isTrue();

    ProbeResult bare = run("smoke", "smoke: { url: \"https://localhost:" + port + "\", ca-file: \""
        + server.caCert() + "\", steps: [ { name: home, request: GET /, expect: 200 } ] }");
    assertThat(bare.summary()).startsWith("[STEPS_FAILED] (1) == 0: step 'home' (GET /) failed:").contains("400");
  }
}
