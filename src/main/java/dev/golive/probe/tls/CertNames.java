package dev.golive.probe.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The names a certificate is valid for, and RFC 6125 matching of a host name against them. */
final class CertNames {
  private static final int DNS = 2;
  private static final int IP = 7;

  private CertNames() {}

  /** DNS and IP subject alternative names, in certificate order. */
  static List<String> sans(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    for (List<?> san : altNames(cert)) {
      int type = (Integer) san.get(0);
      if (type == DNS || type == IP) out.add(String.valueOf(san.get(1)));
    }
    return out;
  }

  /**
   * True when {@code host} is one of the certificate's names: IP literals against IP SANs; DNS names against DNS
   * SANs, where {@code *.example.com} matches exactly one left-most label; the subject's CN only when the certificate
   * has no DNS SAN at all.
   */
  static boolean matches(X509Certificate cert, String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
    if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
    boolean ip = isIpLiteral(name);
    List<String> dnsNames = new ArrayList<>();
    for (List<?> san : altNames(cert)) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (ip && type == IP && sameAddress(name, value)) return true;
      if (type == DNS) dnsNames.add(value);
    }
    if (ip) return false;
    if (dnsNames.isEmpty()) {
      String cn = commonName(cert);
      return cn != null && dnsMatches(name, cn);
    }
    for (String pattern : dnsNames) {
      if (dnsMatches(name, pattern)) return true;
    }
    return false;
  }

  static boolean dnsMatches(String host, String pattern) {
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.endsWith(".")) p = p.substring(0, p.length() - 1);
    if (!p.startsWith("*.")) return host.equals(p);
    String suffix = p.substring(1);
    if (!host.endsWith(suffix)) return false;
    String label = host.substring(0, host.length() - suffix.length());
    return !label.isEmpty() && !label.contains(".") && suffix.indexOf('.', 1) > 0;
  }

  static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue());
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  static boolean isIpLiteral(String name) {
    return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Collection<List<?>> altNames(X509Certificate cert) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      return names == null ? List.of() : names;
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
