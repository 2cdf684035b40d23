package dev.golive.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a sealed evidence pack as one self-contained HTML page for the sign-off meeting: inline styles (screen and
 * print), no scripts that run, no external assets. The visible part is the Markdown pack rendered by commonmark, so
 * the page says exactly what the Markdown report says; the pack itself (with its {@code digest}) is embedded as
 * {@code <script type="application/json" id="golive-pack">}, which lets {@link PackDigest#verifyHtml} check both the
 * data and that the visible page is the rendering of it. Rendering is deterministic: the same pack gives the same bytes.
 */
final class HtmlPack {
  static final String DATA_START = "<script type=\"application/json\" id=\"golive-pack\">";
  private static final String DATA_END = "</script>";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
      .sanitizeUrls(true).build();
  private static final String STYLE = """
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:60rem;\
      margin:2rem auto;padding:0 1rem}
      h1{font-size:1.6rem;margin-bottom:.3rem}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
      h3{font-size:1.05rem;margin:1.4rem 0 .3rem;break-after:avoid}
      table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;\
      text-align:left;vertical-align:top}th{background:#f6f8fa}
      code{font:13px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f6f8fa;padding:0 .2rem;\
      border-radius:3px;overflow-wrap:anywhere}
      ul{padding-left:1.3rem}li{margin:.1rem 0}
      .verdict{display:inline-block;font-weight:700;font-size:1.3rem;padding:.3rem .9rem;border-radius:4px;color:#fff}
      .go{background:#1a7f37}.no-go{background:#cf222e}
      .seal{margin-top:2.5rem;font-size:.85rem;color:#57606a;border-top:1px solid #d0d7de;padding-top:.5rem}
      @media print{body{margin:0;max-width:none;font-size:11pt}h2{break-before:auto}h3,li{break-inside:avoid}\
      .verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}
      """;

  private HtmlPack() {}

  /** The page for {@code pack}, which already carries its {@code digest}. */
  static String render(ObjectNode pack) {
    String plan = pack.path("plan").asText();
    boolean go = pack.path("go").asBoolean();
    String digest = pack.path("digest").asText();
    StringBuilder md = new StringBuilder();
    MarkdownPack.parts(pack).forEach(md::append);
    StringBuilder b = new StringBuilder(md.length() * 2);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"golive-digest\" content=\"").append(escape(digest)).append("\">\n")
        .append("<title>Evidence pack: ").append(escape(plan)).append(" — ").append(go ? "GO" : "NO-GO")
        .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<p class=\"verdict ").append(go ? "go" : "no-go").append("\">").append(go ? "GO" : "NO-GO")
        .append("</p>\n")
        .append(RENDERER.render(PARSER.parse(md.toString())))
        .append("<p class=\"seal\">Sealed with <code>").append(escape(digest)).append("</code>, the digest of the ")
        .append("evidence data embedded in this page (the same as <code>golive report --format json</code> gives for ")
        .append("it). Check it with <code>golive report --verify FILE</code>.</p>\n")
        .append(DATA_START).append(embedded(pack)).append(DATA_END).append("\n</body>\n</html>\n");
    return b.toString();
  }

  /** The pack embedded in a page rendered by {@link #render}; fails when there is none or it is not JSON. */
  static ObjectNode embeddedPack(String html) throws ReportException {
    int start = html.indexOf(DATA_START);
    int end = start < 0 ? -1 : html.indexOf(DATA_END, start);
    if (end < 0) {
      throw new ReportException("no embedded evidence data (" + DATA_START + "): not a golive HTML report", 1);
    }
    try {
      JsonNode node = MAPPER.readTree(html.substring(start + DATA_START.length(), end));
      if (node instanceof ObjectNode o) return o;
    } catch (IOException e) {
      // reported below
    }
    throw new ReportException("the embedded evidence data is not a JSON object: the page was altered", 1);
  }

  /** JSON that cannot end the script element: every '<' is written as its JSON escape. */
  private static String embedded(ObjectNode pack) {
    try {
      return MAPPER.writeValueAsString(pack).replace("<", "\\u003c");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
