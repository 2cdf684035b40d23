package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.demo.Certificates;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertNamesTest {
  private static final Instant NOW = Instant.now();
  private static final Certificates.Issued CA = Certificates.ca("names", NOW.minusSeconds(60),
      NOW.plus(Duration.ofDays(1)));

  private static X509Certificate cert(String... names) {
    return Certificates.leaf(CA, List.of(names), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1))).certificate();
  }

  @Test
  void wildcardsCoverExactlyOneLeftMostLabel() {
    X509Certificate c = cert("*.example.com");

    assertThat(CertNames.matches(c, "api.example.com")).isTrue();
    assertThat(CertNames.matches(c, "API.Example.com.")).isTrue();
    assertThat(CertNames.matches(c, "example.com")).isFalse();
    assertThat(CertNames.matches(c, "a.b.example.com")).isFalse();
    assertThat(CertNames.matches(c, "api.example.org")).isFalse();
  }

  @Test
  void ipAddressesMatchOnlyIpNames() {
    X509Certificate c = cert("localhost", "127.0.0.1", "::1");

    assertThat(CertNames.matches(c, "127.0.0.1")).isTrue();
    assertThat(CertNames.matches(c, "[::1]")).isTrue();
    assertThat(CertNames.matches(c, "0:0:0:0:0:0:0:1")).isTrue();
    assertThat(CertNames.matches(c, "127.0.0.2")).isFalse();
    assertThat(CertNames.matches(c, "localhost")).isTrue();
  }

  @Test
  void aTopLevelWildcardMatchesNothing() {
    assertThat(CertNames.dnsMatches("com", "*.com")).isFalse();
    assertThat(CertNames.dnsMatches("example.com", "*.com")).isFalse();
  }

  @Test
  void listsDnsAndIpNames() {
    assertThat(CertNames.sans(cert("a.example", "10.0.0.1"))).containsExactly("a.example", "10.0.0.1");
  }
}
