package dev.golive.probe.tls;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns the exception of a failed TLS connection (Vert.x, Netty and JSSE wrap each other) into the reason in words:
 * the certificate rejection of {@link CertificateCheck}, a fatal alert from the server (client certificate required
 * or refused, protocol version, unknown server name), a protocol mismatch on our side, a handshake timeout, or a
 * port that does not speak TLS.
 */
public final class TlsFailures {
  private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");
  /** Alerts a server sends about the client's certificate (or its absence: JSSE servers say bad_certificate). */
  private static final Map<String, String> CLIENT_ALERTS = Map.of(
      "bad_certificate", "", "unknown_ca", ": not issued by a CA it trusts", "certificate_unknown", "",
      "certificate_expired", ": expired", "certificate_revoked", ": revoked", "access_denied", "",
      "unsupported_certificate", ": of a type it does not accept");
  private static final Map<String, String> ALERTS = Map.ofEntries(
      Map.entry("protocol_version", "protocol version mismatch: the server accepts none of the TLS versions "
          + "offered (TLS 1.2, 1.3)"),
      Map.entry("handshake_failure", "the server aborted the handshake: no cipher suite or protocol in common, or "
          + "a client certificate it requires was not sent"),
      Map.entry("insufficient_security", "the server requires stronger ciphers than offered"),
      Map.entry("unrecognized_name", "the server does not serve the requested server name: check server-name"));

  private TlsFailures() {}

  /** The reason in words when {@code t} is a TLS failure, else null; {@code tls} (may be null) was used. */
  public static String reason(Throwable t, TlsSettings tls) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CertificateCheck.Rejected r) return r.getMessage();
    }
    boolean ssl = false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      ssl |= c instanceof SSLException;
      String type = c.getClass().getSimpleName();
      String m = c.getMessage() == null ? "" : c.getMessage();
      String lower = m.toLowerCase(Locale.ROOT);
      if (type.equals("SslHandshakeTimeoutException") || lower.contains("handshake timed out")) {
        return "the TLS handshake did not complete in time (" + m + "): the port accepted the connection but "
            + "did not answer the TLS hello; is it a TLS port?";
      }
      Matcher alert = ALERT.matcher(m);
      if (alert.find()) return alert(alert.group(1), tls);
      if (lower.contains("no appropriate protocol") || lower.contains("is not accepted by client preferences")
          || lower.contains("not accepted by client")) {
        return "protocol version mismatch: the server offers only TLS versions golive does not accept (" + m + ")";
      }
      if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("not an ssl/tls record")) {
        return "the port does not speak TLS (a plain-HTTP or other service answered the TLS hello)";
      }
    }
    if (!ssl) return null;
    if (closedEarly(t)) {
      return "the server closed the connection during the TLS handshake: a protocol version mismatch (it accepts "
          + "none of TLS 1.2 and 1.3 offered), no cipher in common, or a client certificate it requires";
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage() != null ? root.getMessage() : t.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }

  /**
   * The server wanted a client certificate and got none: none is configured, or the configured one is not issued by
   * a CA the server asks for (TLS clients only send a certificate the server can accept).
   */
  public static String notSent(TlsSettings tls) {
    if (tls == null || tls.clientCert() == null) {
      return "the server requires a client certificate and none was sent (set client-cert and client-key)";
    }
    return "the server requires a client certificate and " + tls.clientCert() + " was not sent: it is not issued "
        + "by a CA the server accepts";
  }

  private static boolean closedEarly(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.nio.channels.ClosedChannelException) return true;
      String m = c.getMessage();
      if (m != null && (m.contains("Connection reset") || m.contains("closed the connection")
          || m.contains("Connection closed"))) {
        return true;
      }
    }
    return false;
  }

  private static String alert(String name, TlsSettings tls) {
    String suffix = " (alert " + name + ")";
    boolean none = tls != null && tls.clientCert() == null;
    if (name.equals("certificate_required") || none && CLIENT_ALERTS.containsKey(name)) return notSent(tls) + suffix;
    if (CLIENT_ALERTS.containsKey(name)) {
      return (tls == null ? "the server refused the client certificate, or requires one and none was sent"
          : "the server refused the client certificate " + tls.clientCert()) + CLIENT_ALERTS.get(name) + suffix;
    }
    return ALERTS.getOrDefault(name, "the server aborted the handshake") + suffix;
  }

  /** {@link #reason} when {@code t} is a TLS failure, else its message (or type when it has none). */
  public static String message(Throwable t, TlsSettings tls) {
    String reason = reason(t, tls);
    if (reason != null) return "TLS: " + reason;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
