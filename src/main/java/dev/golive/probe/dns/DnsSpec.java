package dev.golive.probe.dns;

import java.util.List;

/**
 * The validated {@code dns:} block. {@code expect} holds normalized records (lower-case names without the trailing
 * dot, canonical IPv6); {@code resolverHost} null means the system's resolver.
 */
public record DnsSpec(String name, RecordType type, List<String> expect, Match match, String resolverHost,
    int resolverPort) {
  public DnsSpec {
    expect = List.copyOf(expect);
  }

  public enum RecordType { A, AAAA, CNAME, TXT, MX, NS }

  /** {@code exact}: the answer is exactly the expected set; {@code contains}: it includes every expected record. */
  public enum Match { EXACT, CONTAINS }
}
