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
  private static final Map<String, String> ALERTS = Map.ofEntries(
      Map.entry("certificate_required", "the server requires a client certificate and none was sent "
          + "(set client-cert and client-key)"),
      Map.entry("bad_certificate", "the server refused the client certificate (alert bad_certificate)"),
      Map.entry("unknown_ca", "the server refused the client certificate: not issued by a CA it trusts "
          + "(alert unknown_ca)"),
      Map.entry("certificate_unknown", "the server refused the client certificate (alert certificate_unknown)"),
      Map.entry("certificate_expired", "the server refused the client certificate: expired "
          + "(alert certificate_expired)"),
      Map.entry("certificate_revoked", "the server refused the client certificate: revoked "
          + "(alert certificate_revoked)"),
      Map.entry("access_denied", "the server refused the client certificate (alert access_denied)"),
      Map.entry("protocol_version", "protocol version mismatch: the server accepts none of the TLS versions "
          + "offered (TLS 1.2, 1.3) (alert protocol_version)"),
      Map.entry("handshake_failure", "the server aborted the handshake (alert handshake_failure): no cipher suite "
          + "or protocol in common, or a client certificate it requires was not sent"),
      Map.entry("insufficient_security", "the server requires stronger ciphers than offered "
          + "(alert insufficient_security)"),
      Map.entry("unrecognized_name", "the server does not serve the requested server name "
          + "(alert unrecognized_name): check server-name"));

  private TlsFailures() {}

  /** The reason in words when {@code t} is a TLS failure, else null. */
  public static String reason(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CertificateCheck.Rejected r) return r.getMessage();
    }
    boolean tls = false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      tls |= c instanceof SSLException;
      String type = c.getClass().getSimpleName();
      String m = c.getMessage() == null ? "" : c.getMessage();
      String lower = m.toLowerCase(Locale.ROOT);
      if (type.equals("SslHandshakeTimeoutException") || lower.contains("handshake timed out")) {
        return "the TLS handshake did not complete in time (" + m + "): the port accepted the connection but "
            + "did not answer the TLS hello; is it a TLS port?";
      }
      Matcher alert = ALERT.matcher(m);
      if (alert.find()) {
        String name = alert.group(1);
        return ALERTS.getOrDefault(name, "the server aborted the handshake (alert " + name + ")");
      }
      if (lower.contains("no appropriate protocol") || lower.contains("is not accepted by client preferences")
          || lower.contains("not accepted by client")) {
        return "protocol version mismatch: the server offers only TLS versions golive does not accept (" + m + ")";
      }
      if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("not an ssl/tls record")) {
        return "the port does not speak TLS (a plain-HTTP or other service answered the TLS hello)";
      }
    }
    if (!tls) return null;
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage() != null ? root.getMessage() : t.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }

  /** {@link #reason} when {@code t} is a TLS failure, else its message (or type when it has none). */
  public static String message(Throwable t) {
    String reason = reason(t);
    if (reason != null) return "TLS: " + reason;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
