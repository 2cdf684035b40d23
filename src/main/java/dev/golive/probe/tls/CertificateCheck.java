package dev.golive.probe.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The server-certificate check of golive's TLS clients: the chain must verify against the trust anchors and the leaf
 * must be valid for the expected host (the {@code server-name}, else the host connected to). A rejection is a
 * {@link Rejected} whose message says why in words (expired when, untrusted issuer, names presented), which the
 * handshake failure carries as its cause; {@link TlsFailures} digs it out. Thread-safe; called during handshakes.
 */
final class CertificateCheck extends X509ExtendedTrustManager {
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
      .withZone(ZoneOffset.UTC);

  /** A certificate rejected by golive, with the reason in words as its message. */
  static final class Rejected extends CertificateException {
    Rejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final X509TrustManager anchors;
  private final String serverName;
  private final String trustLabel;

  CertificateCheck(X509TrustManager anchors, String serverName, String trustLabel) {
    this.anchors = anchors;
    this.serverName = serverName;
    this.trustLabel = trustLabel;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType, serverName != null ? serverName : engine == null ? null : engine.getPeerHost());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain, authType, serverName != null ? serverName
        : socket == null || socket.getInetAddress() == null ? null : socket.getInetAddress().getHostName());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, authType, serverName);
  }

  private void check(X509Certificate[] chain, String authType, String host) throws CertificateException {
    if (chain == null || chain.length == 0) throw new Rejected("the server presented no certificate", null);
    try {
      anchors.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw new Rejected(explain(List.of(chain), e, trustLabel, Instant.now()), e);
    }
    if (host == null || host.isEmpty()) {
      throw new Rejected("cannot check the names of certificate " + describe(chain[0]) + ": no host name to match "
          + "(set server-name)", null);
    }
    if (!CertNames.matches(chain[0], host)) {
      List<String> names = CertNames.sans(chain[0]);
      throw new Rejected("certificate " + describe(chain[0]) + " is not valid for " + host + ": it names "
          + (names.isEmpty() ? "no DNS or IP name (subject " + chain[0].getSubjectX500Principal().getName() + ")"
          : String.join(", ", names)), null);
    }
  }

  /** Why a chain was rejected: dates first (expired when, not valid before when), then trust, then the JDK's words. */
  static String explain(List<X509Certificate> chain, CertificateException e, String trustLabel, Instant now) {
    StringBuilder why = new StringBuilder();
    for (X509Certificate c : chain) {
      String which = c == chain.get(0) ? "certificate " + describe(c)
          : "chain certificate " + c.getSubjectX500Principal().getName();
      Instant notAfter = c.getNotAfter().toInstant();
      Instant notBefore = c.getNotBefore().toInstant();
      if (now.isAfter(notAfter)) {
        why.append(which).append(" expired ").append(MINUTES.format(notAfter)).append(", ")
            .append(amount(Duration.between(notAfter, now))).append(" ago");
        break;
      }
      if (now.isBefore(notBefore)) {
        why.append(which).append(" is not valid yet: valid from ").append(MINUTES.format(notBefore)).append(", in ")
            .append(amount(Duration.between(now, notBefore)));
        break;
      }
    }
    if (untrusted(e)) {
      X509Certificate top = chain.get(chain.size() - 1);
      String issuer = top.getIssuerX500Principal().getName();
      if (!why.isEmpty()) why.append("; it is also ");
      else why.append("certificate ").append(describe(chain.get(0))).append(" is ");
      boolean selfSigned = chain.size() == 1 && issuer.equals(top.getSubjectX500Principal().getName());
      why.append(selfSigned ? "self-signed (" + issuer + "), " : "").append("not issued by a trusted CA")
          .append(selfSigned ? "" : ": the chain ends at issuer " + issuer)
          .append(" (trusted: ").append(trustLabel).append(")");
    }
    if (why.isEmpty()) why.append("certificate ").append(describe(chain.get(0))).append(" rejected: ").append(root(e));
    return why.toString();
  }

  /** {@code for api.example.com} (the first DNS or IP name, else the subject's CN, else the subject). */
  static String describe(X509Certificate cert) {
    List<String> names = CertNames.sans(cert);
    if (!names.isEmpty()) return "for " + names.get(0);
    String cn = CertNames.commonName(cert);
    return "for " + (cn != null ? cn : cert.getSubjectX500Principal().getName());
  }

  /** {@code 2 days}, {@code 1 day}, {@code 5 hours}, {@code 3 minutes}: the largest whole unit. */
  static String amount(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s >= 86_400) return plural(s / 86_400, "day");
    if (s >= 3_600) return plural(s / 3_600, "hour");
    if (s >= 60) return plural(s / 60, "minute");
    return plural(s, "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (t.getClass().getSimpleName().equals("SunCertPathBuilderException")
          || m != null && (m.contains("unable to find valid certification path")
          || m.contains("No trusted certificate found") || m.contains("trust anchor"))) {
        return true;
      }
    }
    return false;
  }

  private static String root(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) c = c.getCause();
    return c.getMessage() == null ? e.getMessage() : c.getMessage();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    anchors.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    anchors.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    anchors.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return anchors.getAcceptedIssuers();
  }
}
