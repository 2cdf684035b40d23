package dev.golive.http;

import static dev.golive.http.WebDriver.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.cli.GoliveProcess;
import dev.golive.demo.DemoProcess;
import dev.golive.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML evidence pack of a running {@code golive demo} opened from a file in a real headless Chromium, as someone
 * would open the attachment of a sign-off mail: the verdict, the gates and the items render without any network, and
 * the page prints to PDF. Writes {@code target/evidence-pack.png} and {@code target/evidence-pack.pdf} for review.
 */
class EvidencePageBrowserIT {
  private static final Path SCREENSHOT = Path.of("target/evidence-pack.png");
  private static final Path PDF = Path.of("target/evidence-pack.pdf");

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void theSignOffMeetingOpensThePackFromAFileAndPrintsIt() throws Exception {
    try (DemoProcess demo = DemoProcess.start(Files.createDirectories(dir.resolve("demo")))) {
      demo.await("/api/plans/demo/items", body -> body.contains("\"done\""));
      Path page = dir.resolve("demo-evidence.html");
      Files.writeString(page, Reports.make(demo.baseUrl(), "demo", "html", Duration.ofSeconds(20)));

      try (WebDriver browser = WebDriver.start(dir, GoliveProcess.freePort())) {
        browser.open(page.toUri().toString());
        String verdict = browser.await("the verdict", unchecked(() -> browser.text("p.verdict")),
            t -> t.equals("GO") || t.equals("NO-GO"));
        assertThat(browser.script("return document.title").asText()).isEqualTo("Evidence pack: demo — " + verdict);
        assertThat(browser.text("h1")).isEqualTo("Evidence pack: demo");
        assertThat(browser.script("return document.querySelectorAll('table tr').length").asInt())
            .as("the gates table has rows").isGreaterThan(1);
        assertThat(browser.script("return document.querySelectorAll('h3').length").asInt())
            .as("one heading per item").isGreaterThanOrEqualTo(10);
        assertThat(browser.text("body")).contains("State: done").contains("Evidence: probe")
            .doesNotContain("undefined").doesNotContain("[object");
        assertThat(browser.script("return performance.getEntriesByType('resource').length").asInt())
            .as("nothing loaded besides the page itself").isZero();
        assertThat(browser.script(
            "return getComputedStyle(document.querySelector('p.verdict')).backgroundColor").asText())
            .as("styled inline").isIn("rgb(26, 127, 55)", "rgb(207, 34, 46)");
        browser.screenshot(SCREENSHOT);

        byte[] bytes = browser.printToPdf();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Files.write(PDF, bytes);
      }
    }
  }
}
