package dev.golive.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/** Entry points for {@code golive report}: make a sealed pack from a running daemon, or check a sealed file. */
public final class Reports {
  private Reports() {}

  /**
   * Reads plan {@code plan} from the daemon at {@code url} and returns the sealed report text ({@code md} or
   * {@code json} or {@code html}). Blocking; each request bounded by {@code timeout}.
   */
  public static String make(String url, String plan, String format, Duration timeout) throws ReportException {
    return make(url, plan, format, timeout, null);
  }

  /** Like {@link #make(String, String, String, Duration)}, sending {@code token} (may be null) as a bearer token. */
  public static String make(String url, String plan, String format, Duration timeout, String token)
      throws ReportException {
    ObjectNode pack = EvidencePack.read(new DaemonApi(url, timeout, token), plan, Instant.now());
    return switch (format) {
      case "json" -> PackDigest.sealJson(pack);
      case "html" -> PackDigest.sealHtml(pack);
      default -> PackDigest.sealMarkdown(MarkdownPack.parts(pack));
    };
  }

  /** The outcome of {@link #verify}: intact or not, the recorded digest, and the altered parts. */
  public record Verification(boolean intact, String digest, java.util.List<String> altered) {}

  /** Checks a sealed report (Markdown, JSON or HTML, told apart by how it starts). */
  public static Verification verify(String text) throws ReportException {
    String start = text.stripLeading();
    PackDigest.Check c = start.startsWith("{") ? PackDigest.verifyJson(text)
        : start.regionMatches(true, 0, "<!DOCTYPE html", 0, 14) ? PackDigest.verifyHtml(text)
        : PackDigest.verifyMarkdown(text);
    return new Verification(c.intact(), c.digest(), c.altered());
  }
}
