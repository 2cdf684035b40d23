package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.config.ConfigException;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.demo.Certificates;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.WireTesting;
import dev.golive.probe.http.HttpProbeKind;
import dev.golive.probe.http.HttpSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TLS keys shared by every kind that speaks HTTP or TLS, validated when the plan loads. */
class TlsSettingsTest {
  private static final HttpProbeKind HTTP = new HttpProbeKind();
  @TempDir
  Path dir;
  private Certificates.PemFiles server;
  private Certificates.PemFiles client;

  @BeforeEach
  void certificates() throws Exception {
    Instant now = Instant.now();
    server = Certificates.localhost(dir, "srv", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    Certificates.Issued ca = Certificates.ca("client test CA", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    client = TlsFixtures.client(dir, "cli", ca, "golive-probe");
  }

  private WireTesting.Parsed<HttpSpec> http(String tlsKeys) {
    return WireTesting.parse(HTTP, "http: { url: \"https://127.0.0.1:1/\", " + tlsKeys + " }", Map.of());
  }

  @Test
  void readsEveryKey() {
    var parsed = http("ca-file: \"" + server.caCert() + "\", client-cert: \"" + client.cert() + "\", client-key: \""
        + client.key() + "\", server-name: api.internal.example");

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.spec().tls()).isEqualTo(new TlsSettings(server.caCert(), client.cert(), client.key(),
        "api.internal.example", false));
    assertThat(http("insecure: true").spec().tls()).isEqualTo(new TlsSettings(null, null, null, null, true));
    assertThat(http("method: GET").spec().tls().isDefault()).isTrue();
  }

  @Test
  void aMissingFileIsReportedWithItsKeyAndPlace() {
    var parsed = http("ca-file: /nonexistent/ca.pem");

    assertThat(parsed.problems()).containsExactly(
        "golive.yaml:1:47: http.ca-file: file not found: /nonexistent/ca.pem");
  }

  @Test
  void aFileThatIsNotPemIsReportedForEachKey() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");

    assertThat(http("ca-file: \"" + text + "\"").problems()).singleElement().asString()
        .endsWith("http.ca-file: no PEM certificate in " + text + " (expected -----BEGIN CERTIFICATE-----)");
    assertThat(http("client-cert: \"" + text + "\", client-key: \"" + client.key() + "\"").problems())
        .singleElement().asString()
        .endsWith("http.client-cert: no PEM certificate in " + text + " (expected -----BEGIN CERTIFICATE-----)");
    assertThat(http("client-cert: \"" + client.cert() + "\", client-key: \"" + text + "\"").problems())
        .singleElement().asString()
        .endsWith("http.client-key: no PEM private key in " + text + " (expected -----BEGIN PRIVATE KEY-----)");
  }

  @Test
  void aKeyWhereACertificateBelongsAndTheReverseAreNamed() {
    assertThat(http("ca-file: \"" + client.key() + "\"").problems()).singleElement().asString()
        .endsWith("http.ca-file: no PEM certificate in " + client.key()
            + " (expected -----BEGIN CERTIFICATE-----; it holds a private key)");
    assertThat(http("client-cert: \"" + client.cert() + "\", client-key: \"" + client.cert() + "\"").problems())
        .singleElement().asString()
        .endsWith("http.client-key: no PEM private key in " + client.cert()
            + " (expected -----BEGIN PRIVATE KEY-----; it holds a certificate)");
  }

  @Test
  void aClientCertificateNeedsItsOwnKey() {
    assertThat(http("client-cert: \"" + client.cert() + "\"").problems()).singleElement().asString()
        .endsWith("http.client-cert: needs client-key too (the client certificate and its private key, both PEM)");
    assertThat(http("client-key: \"" + client.key() + "\"").problems()).singleElement().asString()
        .endsWith("http.client-key: needs client-cert too (the client certificate and its private key, both PEM)");
    assertThat(http("client-cert: \"" + client.cert() + "\", client-key: \"" + server.key() + "\"").problems())
        .singleElement().asString().endsWith("http.client-key: the private key in " + server.key()
            + " does not belong to the certificate in " + client.cert());
  }

  @Test
  void insecureWithACaFileCannotMeanWhatItSays() {
    assertThat(http("insecure: true, ca-file: \"" + server.caCert() + "\"").problems()).containsExactly(
        "golive.yaml:1:48: http.insecure: insecure: true skips the certificate check, so ca-file would never be "
            + "used: remove one of them");
  }

  @Test
  void aServerNameMustBeAHostName() {
    assertThat(http("server-name: \"https://api.example.com/\"").problems()).containsExactly(
        "golive.yaml:1:51: http.server-name: expected a host name such as api.example.com, got "
            + "'https://api.example.com/'");
  }

  @Test
  void relativePathsAreRelativeToThePlanFile() throws Exception {
    Files.writeString(dir.resolve("golive.yaml"), "");
    var parsed = WireTesting.parse(HTTP, "http: { url: \"https://127.0.0.1:1/\", ca-file: srv-ca.pem }", Map.of());
    assertThat(parsed.problems()).singleElement().asString().contains("file not found");

    var ok = parse(dir.resolve("golive.yaml").toString(),
        "http: { url: \"https://127.0.0.1:1/\", ca-file: srv-ca.pem }", Secrets.of(Map.of()));
    assertThat(ok).isEqualTo(server.caCert());
  }

  private Path parse(String file, String yaml, Secrets secrets) {
    var problems = new dev.golive.config.ConfigProblems();
    var root = dev.golive.config.ConfigNode.parse(file, yaml, problems, secrets);
    HttpSpec spec = HTTP.parse(root.get("http").orElseThrow());
    assertThat(problems.sorted()).isEmpty();
    return spec.tls().caFile();
  }

  @Test
  void secretReferencesResolveAndAreNotCheckedWithoutSecrets() {
    String yaml = "http: { url: \"https://127.0.0.1:1/\", client-cert: \"${env:CLIENT_CERT}\", "
        + "client-key: \"${file:/run/secrets/key-path}\" }";

    var resolved = WireTesting.parse(HTTP, "http: { url: \"https://127.0.0.1:1/\", client-cert: \"${env:CERT}\", "
        + "client-key: \"${env:KEY}\" }", Map.of("CERT", client.cert().toString(), "KEY", client.key().toString()));
    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.spec().tls().clientCert()).isEqualTo(client.cert());

    var lenient = WireTesting.parse(HTTP, yaml, Secrets.withoutSecrets(Map.of()));
    assertThat(lenient.problems()).isEmpty();
    assertThat(lenient.spec()).isNotNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http       | url: \"https://127.0.0.1:1/\"",
      "headers    | url: \"https://127.0.0.1:1/\"",
      "cors       | url: \"https://127.0.0.1:1/\", origin: \"https://app.example\"",
      "access     | url: \"https://127.0.0.1:1/\", credentials: { user: { bearer: t } }, routes: [ { request: GET /, expect: { user: 200 } } ]",
      "smoke      | url: \"https://127.0.0.1:1/\", steps: [ { request: GET /, expect: 200 } ]",
      "webhook    | scheme: github, url: \"https://127.0.0.1:1/hook\", app-secret: s",
      "rate-limit | url: \"https://127.0.0.1:1/\"",
      "metrics    | url: \"https://127.0.0.1:1/metrics\", metric: up",
      "promql     | url: \"https://127.0.0.1:1\", query: up",
      "tls        | host: 127.0.0.1"})
  void everyKindThatSpeaksTlsTakesTheKeysAndChecksTheirFiles(String name, String own) {
    @SuppressWarnings("unchecked")
    ProbeKind<Object> kind = (ProbeKind<Object>) ProbeKinds.byName(name).orElseThrow();
    String keys = ", ca-file: \"" + server.caCert() + "\", client-cert: \"" + client.cert() + "\", client-key: \""
        + client.key() + "\", server-name: localhost";

    var good = WireTesting.parse(kind, name + ": { " + own + keys + " }", Map.of());
    assertThat(good.problems()).as(name).isEmpty();
    assertThat(good.spec()).as(name).isNotNull();

    var bad = WireTesting.parse(kind, name + ": { " + own + ", ca-file: /nonexistent/ca.pem }", Map.of());
    assertThat(bad.problems()).as(name).singleElement().asString()
        .endsWith(name + ".ca-file: file not found: /nonexistent/ca.pem");
  }

  @Test
  void theTlsKindAlwaysLooksAtTheCertificateSoTakesNoInsecure() {
    var parsed = WireTesting.parse(new TlsProbeKind(), "tls: { host: 127.0.0.1, insecure: true }", Map.of());
    assertThat(parsed.problems()).singleElement().asString().contains("unknown key 'insecure' in 'tls'");
  }

  @Test
  void aPlanWithABadCaFileDoesNotLoadAndSaysWhere() throws Exception {
    Files.writeString(dir.resolve("checklist.md"), "# Shop\n- [ ] GO-001 Health check returns 200\n");
    Files.writeString(dir.resolve("golive.yaml"), """
        service: shop
        probes:
          - id: health
            http: { url: "https://127.0.0.1:1/health", ca-file: missing-ca.pem }
            ticks: [GO-001]
        """);

    assertThatThrownBy(() -> PlanLoader.load(dir, Secrets.of(Map.of())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly(dir.resolve("golive.yaml") + ":4:57: probes[0].http.ca-file: file not found: "
                + dir.resolve("missing-ca.pem")));
  }

  @Test
  void everyHttpKindListsTheKeys() {
    for (String name : List.of("http", "headers", "cors", "access", "smoke", "webhook", "rate-limit", "metrics",
        "promql")) {
      var parsed = WireTesting.parse(ProbeKinds.byName(name).orElseThrow(), name + ": { cafile: x }", Map.of());
      assertThat(parsed.problems()).as(name).anySatisfy(p -> assertThat(p)
          .contains("did you mean 'ca-file'?").contains("client-cert, client-key").contains("server-name"));
    }
  }
}
