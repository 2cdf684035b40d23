package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.Secrets;
import dev.golive.demo.Certificates;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static Path prefix;
  private static Process nginx;
  private static int port;
  private static Certificates.PemFiles server;
  private static Certificates.PemFiles client;
  private static Certificates.PemFiles stranger;
  private static Vertx vertx;
  private static ProbeEnvironment env;

  @BeforeAll
  static void startNginx() throws Exception {
    assertThat(Files.isExecutable(NGINX))
        .as("nginx is required for this test: install the Debian package (apt-get install nginx)").isTrue();
    prefix = Files.createTempDirectory("golive-mtls");
    Instant now = Instant.now();
    Path tls = prefix.resolve("tls");
    server = Certificates.localhost(tls, "server", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
    Certificates.Issued clients = Certificates.ca("clients test CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)));
    client = TlsFixtures.client(tls, "probe", clients, "mtls-client");
    Certificates.Issued other = Certificates.ca("other test CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)));
    stranger = TlsFixtures.client(tls, "stranger", other, "someone-else");
    port = freePort();
    String p = prefix.toString();
    Files.writeString(prefix.resolve("nginx.conf"), """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d ssl;
            ssl_certificate %3$s;
            ssl_certificate_key %4$s;
            ssl_client_certificate %5$s;
            ssl_verify_client on;
            ssl_protocols TLSv1.2 TLSv1.3;
            add_header X-Content-Type-Options nosniff always;
            location / { return 200 "hello $ssl_client_s_dn\\n"; }
          }
        }
        """.formatted(p, port, server.cert(), server.key(), client.caCert()));
    nginx = new ProcessBuilder(NGINX.toString(), "-p", p, "-c", p + "/nginx.conf", "-e", p + "/error.log")
        .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
    awaitListening();
    vertx = Vertx.vertx();
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
  }

  @AfterAll
  static void stopNginx() throws Exception {
    if (env != null) env.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get();
    if (nginx != null) {
      nginx.destroy();
      nginx.waitFor();
    }
    if (prefix != null) {
      try (var files = Files.walk(prefix)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitListening() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      if (!nginx.isAlive()) {
        throw new AssertionError("nginx exited with " + nginx.exitValue() + ": "
            + Files.readString(prefix.resolve("stdout.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) throw new AssertionError("nginx did not listen on " + port);
        Thread.sleep(50);
      }
    }
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
