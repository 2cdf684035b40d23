package dev.golive.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals a report with SHA-256 and checks a sealed one. Markdown: the last line is {@code sha256:<hex>} over every byte
 * before it (line endings normalized to LF, so a copy through Windows still verifies); an HTML comment just above it
 * lists a short digest per part (header, gates, each item), so a failed check can say which part was altered. JSON:
 * field {@code digest} = {@code sha256:<hex>} over the canonical JSON of the rest (keys sorted, no spaces).
 */
final class PackDigest {
  static final String PREFIX = "sha256:";
  private static final String PARTS_START = "<!-- golive evidence digest; check with: golive report --verify FILE";
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private PackDigest() {}

  /** What a check found: intact, or the parts that differ (empty when only the digest lines were touched). */
  record Check(boolean intact, String digest, List<String> altered) {}

  static String sealMarkdown(List<String> parts) {
    StringBuilder b = new StringBuilder();
    parts.forEach(b::append);
    b.append(PARTS_START).append('\n');
    for (String p : parts) b.append("part ").append(sha256(p).substring(0, 16)).append(' ').append(name(p))
        .append('\n');
    b.append("-->\n");
    return b + PREFIX + sha256(b.toString()) + "\n";
  }

  static Check verifyMarkdown(String text) throws ReportException {
    String t = text.replace("\r\n", "\n");
    int end = t.stripTrailing().lastIndexOf('\n') + 1;
    String last = t.substring(end).strip();
    if (!last.startsWith(PREFIX)) {
      throw new ReportException("no '" + PREFIX + "' line at the end: not a golive report, or its digest was removed",
          1);
    }
    String body = t.substring(0, end);
    String expected = last.substring(PREFIX.length()).strip();
    if (sha256(body).equalsIgnoreCase(expected)) return new Check(true, PREFIX + expected, List.of());
    int listed = body.lastIndexOf(PARTS_START);
    Map<String, String> recorded = new LinkedHashMap<>();
    if (listed >= 0) {
      for (String line : body.substring(listed).split("\n")) {
        String[] f = line.split(" ", 3);
        if (f.length == 3 && f[0].equals("part")) recorded.put(f[2], f[1]);
      }
    }
    List<String> altered = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String p : split(listed >= 0 ? body.substring(0, listed) : body)) {
      String name = name(p);
      seen.put(name, sha256(p).substring(0, 16));
      String want = recorded.get(name);
      if (want == null) altered.add(name + " (not in the original)");
      else if (!want.equals(seen.get(name))) altered.add(name);
    }
    for (String name : recorded.keySet()) {
      if (!seen.containsKey(name)) altered.add(name + " (missing or renamed)");
    }
    return new Check(false, PREFIX + expected, altered);
  }

  static String sealJson(ObjectNode pack) {
    ObjectNode copy = pack.deepCopy();
    copy.remove("digest");
    copy.put("digest", PREFIX + sha256(canonical(copy)));
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(copy) + "\n";
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The HTML page of {@code pack}, sealed with the same digest as {@link #sealJson} gives it. */
  static String sealHtml(ObjectNode pack) {
    ObjectNode copy = pack.deepCopy();
    copy.remove("digest");
    copy.put("digest", PREFIX + sha256(canonical(copy)));
    return HtmlPack.render(copy);
  }

  /**
   * Checks an HTML report: the embedded pack against its digest, then the visible page against the rendering of that
   * pack (so an edit to either is found).
   */
  static Check verifyHtml(String text) throws ReportException {
    ObjectNode pack = HtmlPack.embeddedPack(text);
    if (!pack.path("digest").asText().startsWith(PREFIX)) {
      throw new ReportException("no \"digest\" in the embedded evidence data: not a golive HTML report", 1);
    }
    String expected = pack.path("digest").asText();
    ObjectNode content = pack.deepCopy();
    content.remove("digest");
    if (!(PREFIX + sha256(canonical(content))).equalsIgnoreCase(expected)) {
      return new Check(false, expected, List.of("the embedded evidence data"));
    }
    boolean sameView = HtmlPack.render(pack).equals(text.replace("\r\n", "\n"));
    return new Check(sameView, expected, sameView ? List.of() : List.of("the visible page"));
  }

  static Check verifyJson(String text) throws ReportException {
    JsonNode node;
    try {
      node = CANONICAL.readTree(text);
    } catch (java.io.IOException e) {
      throw new ReportException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), 1);
    }
    if (!(node instanceof ObjectNode o) || !o.path("digest").asText().startsWith(PREFIX)) {
      throw new ReportException("no \"digest\": \"" + PREFIX + "...\" field: not a golive JSON report", 1);
    }
    String expected = o.remove("digest").asText();
    boolean ok = (PREFIX + sha256(canonical(o))).equalsIgnoreCase(expected);
    return new Check(ok, expected, ok ? List.of() : List.of("the JSON content"));
  }

  /** The parts of a Markdown body: split before every {@code ## } and {@code ### } heading. */
  static List<String> split(String body) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : body.split("(?<=\n)")) {
      if ((line.startsWith("## ") || line.startsWith("### ")) && cur.length() > 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      }
      cur.append(line);
    }
    if (cur.length() > 0) parts.add(cur.toString());
    return parts;
  }

  /** "header" for the first part, else its heading without the hashes. */
  private static String name(String part) {
    String first = part.lines().findFirst().orElse("");
    if (first.startsWith("### ")) return "item " + first.substring(4).strip();
    if (first.startsWith("## ")) return first.substring(3).strip().toLowerCase(java.util.Locale.ROOT);
    return "header";
  }

  private static String canonical(JsonNode node) {
    try {
      Object plain = CANONICAL.treeToValue(node, Object.class);
      return CANONICAL.writeValueAsString(plain);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
