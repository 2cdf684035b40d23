package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.ConfigNode;
import dev.golive.config.ConfigProblem;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import dev.golive.demo.Certificates;
import dev.golive.probe.ProbeKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsProbeKindTest {
  private final TlsProbeKind kind = new TlsProbeKind();
  private final ConfigProblems problems = new ConfigProblems();

  private TlsSpec parse(String file, String yaml) {
    ConfigNode root = ConfigNode.parse(file, yaml, problems, Secrets.of(Map.of()));
    return kind.parse(root.get("tls").orElseThrow());
  }

  private TlsSpec parse(String yaml) {
    return parse("golive.yaml", yaml);
  }

  private List<String> problems() {
    return problems.sorted().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void isRegisteredUnderTls() {
    assertThat(ProbeKinds.byName("tls")).containsInstanceOf(TlsProbeKind.class);
  }

  @Test
  void defaultsToPort443AndTheHostAsServerName() {
    TlsSpec spec = parse("tls: { host: portal.example.id }");

    assertThat(problems()).isEmpty();
    assertThat(spec).isEqualTo(new TlsSpec("portal.example.id", 443, "portal.example.id", (java.nio.file.Path) null));
    assertThat(kind.defaultConditions(spec))
        .containsExactly("[CHAIN_VALID] == true", "[HOSTNAME_MATCHES] == true", "[CERT_EXPIRY] > 14d");
  }

  @Test
  void readsACaFileRelativeToThePlanFile(@TempDir Path dir) throws Exception {
    Certificates.PemFiles pem = Certificates.localhost(dir.resolve("certs"), "plan", Instant.now(),
        Instant.now().plus(Duration.ofDays(1)));
    Files.writeString(dir.resolve("golive.yaml"), "");

    TlsSpec spec = parse(dir.resolve("golive.yaml").toString(),
        "tls: { host: 10.0.0.5, port: 8443, server-name: internal.example, ca-file: certs/plan-ca.pem }");

    assertThat(problems()).isEmpty();
    assertThat(spec.caFile()).isEqualTo(pem.caCert());
    assertThat(spec.port()).isEqualTo(8443);
    assertThat(spec.serverName()).isEqualTo("internal.example");
  }

  @Test
  void reportsMissingHostBadPortUnknownKeysAndUnreadableCaFiles() {
    assertThat(parse("""
        tls:
          port: 70000
          sni: x
          ca-file: /nonexistent/ca.pem
        """)).isNull();

    assertThat(problems()).containsExactly(
        "golive.yaml:2:3: missing required key 'tls.host'",
        "golive.yaml:2:9: tls.port: must be between 1 and 65535, got 70000",
        "golive.yaml:3:3: unknown key 'sni' in 'tls' (known keys: ca-file, client-cert, client-key, host, port, "
            + "server-name)",
        "golive.yaml:4:12: tls.ca-file: file not found: /nonexistent/ca.pem");
  }

  @Test
  void aFileWithoutCertificatesIsReported(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");

    parse("tls: { host: example.com, ca-file: \"" + notPem + "\" }");

    assertThat(problems()).singleElement().asString()
        .endsWith("tls.ca-file: no PEM certificate in " + notPem + " (expected -----BEGIN CERTIFICATE-----)");
  }

  @Test
  void aUrlIsNotAHost() {
    assertThat(parse("tls: { host: \"https://portal.example.id/\" }")).isNull();
    assertThat(problems()).containsExactly("golive.yaml:1:14: tls.host: expected a host name or IP address, got "
        + "'https://portal.example.id/' (write the host without a scheme or path)");
  }
}
