package dev.golive.probe.dns;

import dev.golive.probe.dns.DnsSpec.RecordType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/** Normalizes records so that {@code Mail.Example.com.} equals {@code mail.example.com} and IPv6 spellings agree. */
final class Records {
  private Records() {}

  /** Normalizes one record of {@code type}; throws {@link IllegalArgumentException} when it cannot be one. */
  static String normalize(RecordType type, String text) {
    String t = text.trim();
    return switch (type) {
      case A -> {
        if (!t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) throw new IllegalArgumentException("not an IPv4 address: '" + t + "'");
        yield address(t);
      }
      case AAAA -> {
        if (!t.contains(":")) throw new IllegalArgumentException("not an IPv6 address: '" + t + "'");
        yield address(t);
      }
      case CNAME, NS -> host(t);
      case MX -> {
        String[] parts = t.split("\\s+");
        if (parts.length == 2 && parts[0].matches("\\d{1,5}")) yield Integer.parseInt(parts[0]) + " " + host(parts[1]);
        if (parts.length == 1) yield host(parts[0]);
        throw new IllegalArgumentException("expected 'PRIORITY HOST' or 'HOST' for an MX record, got '" + t + "'");
      }
      case TXT -> text;
    };
  }

  private static String host(String name) {
    String h = name.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** An IP literal in canonical form; never a DNS lookup (only literals reach here). */
  private static String address(String literal) {
    try {
      return InetAddress.getByName(literal).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: '" + literal + "'");
    }
  }

  /**
   * Whether {@code records} satisfy {@code expect}. An expected MX record without a priority matches that host at any
   * priority.
   */
  static boolean matches(RecordType type, List<String> records, List<String> expect, DnsSpec.Match match) {
    for (String e : expect) {
      if (records.stream().noneMatch(r -> same(type, r, e))) return false;
    }
    if (match == DnsSpec.Match.CONTAINS) return true;
    for (String r : records) {
      if (expect.stream().noneMatch(e -> same(type, r, e))) return false;
    }
    return true;
  }

  private static boolean same(RecordType type, String record, String expected) {
    if (record.equals(expected)) return true;
    if (type != RecordType.MX) return false;
    int space = record.indexOf(' ');
    return space > 0 && !expected.contains(" ") && record.substring(space + 1).equals(expected)
        && record.substring(0, space).matches("\\d+");
  }
}
