package dev.golive.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The words for TLS failures as Vert.x, Netty and JSSE report them (wrapped, as they arrive). */
class TlsFailuresTest {
  private static final TlsSettings NO_CLIENT_CERT = TlsSettings.DEFAULT;
  private static final TlsSettings CLIENT_CERT = new TlsSettings(null, Path.of("certs/probe.pem"),
      Path.of("certs/probe-key.pem"), null, false);

  private static Throwable vertx(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("Failed to create SSL connection");
    e.initCause(cause);
    return e;
  }

  @Test
  void serverAlertsAboutTheClientCertificateDependOnWhetherOneWasConfigured() {
    Throwable badCertificate = vertx(new SSLHandshakeException("Received fatal alert: bad_certificate"));

    assertThat(TlsFailures.reason(badCertificate, NO_CLIENT_CERT)).isEqualTo("the server requires a client "
        + "certificate and none was sent (set client-cert and client-key) (alert bad_certificate)");
    assertThat(TlsFailures.reason(badCertificate, CLIENT_CERT))
        .isEqualTo("the server refused the client certificate certs/probe.pem (alert bad_certificate)");
    assertThat(TlsFailures.reason(vertx(new SSLException("Received fatal alert: certificate_required")), CLIENT_CERT))
        .isEqualTo("the server requires a client certificate and certs/probe.pem was not sent: it is not issued by "
            + "a CA the server accepts (alert certificate_required)");
    assertThat(TlsFailures.reason(vertx(new SSLException("Received fatal alert: unknown_ca")), CLIENT_CERT))
        .isEqualTo("the server refused the client certificate certs/probe.pem: not issued by a CA it trusts "
            + "(alert unknown_ca)");
  }

  @Test
  void protocolAndNameAlertsAndLocalProtocolRefusals() {
    assertThat(TlsFailures.reason(vertx(new SSLException("Received fatal alert: protocol_version")), null))
        .startsWith("protocol version mismatch: the server accepts none of the TLS versions offered");
    assertThat(TlsFailures.reason(vertx(new SSLException("Received fatal alert: unrecognized_name")), null))
        .startsWith("the server does not serve the requested server name: check server-name");
    assertThat(TlsFailures.reason(vertx(new SSLHandshakeException("The server selected protocol version TLS10 is "
        + "not accepted by client preferences [TLS13, TLS12]")), null))
        .startsWith("protocol version mismatch: the server offers only TLS versions golive does not accept");
    assertThat(TlsFailures.reason(vertx(new ClosedChannelException()), null))
        .startsWith("the server closed the connection during the TLS handshake");
  }

  @Test
  void timeoutsAndPlainPortsAndNonTlsFailures() {
    assertThat(TlsFailures.reason(new SslHandshakeTimeoutException("handshake timed out after 2000ms"), null))
        .startsWith("the TLS handshake did not complete in time (handshake timed out after 2000ms)");
    assertThat(TlsFailures.reason(vertx(new SSLException("Unsupported or unrecognized SSL message")), null))
        .startsWith("the port does not speak TLS");
    assertThat(TlsFailures.reason(new IOException("Connection refused"), null)).isNull();
    assertThat(TlsFailures.message(new IOException("Connection refused"), null)).isEqualTo("Connection refused");
  }
}
