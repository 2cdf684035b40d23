package dev.golive.http;

import static dev.golive.http.WebDriver.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.cli.GoliveProcess;
import dev.golive.demo.DemoProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real headless Chromium on a running {@code golive demo}: an item ticks live without a reload,
 * its evidence opens, a manual tick is refused without the token and accepted with it. Writes
 * {@code target/status-page.png} for review.
 */
class StatusPageBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOT = Path.of("target/status-page.png");
  private static final String MANUAL = "GO-004";

  @TempDir Path dir;

  @Test
  @Timeout(600)
  void releaseManagerWatchesItemsTickOpensEvidenceAndTicksAManualItemWithTheToken() throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    try (WebDriver browser = WebDriver.start(dir, GoliveProcess.freePort());
        DemoProcess demo = DemoProcess.start(Files.createDirectories(dir.resolve("demo")))) {
      browser.open(demo.baseUrl() + "/");
      browser.await("the demo plan's checklist on the page", unchecked(() -> browser.texts("li.item").size()),
          n -> n >= 10);
      browser.script("window.goliveNotReloaded = true;");

      // the probed items the page first showed as not done yet
      Map<String, String> first = probedStates(browser);
      List<String> notDone = new ArrayList<>();
      first.forEach((id, state) -> {
        if (!state.equals("done")) notDone.add(id);
      });
      assertThat(notDone).as("probed items not done when the page opened: %s", first).isNotEmpty();
      assertThat(browser.text("[data-plan=demo] .verdict")).isIn("GO", "NO-GO");

      // one of them ticks while we watch, without a reload
      String ticked = browser.await("a probed item to turn done on the page", unchecked(() -> {
        Map<String, String> now = probedStates(browser);
        return notDone.stream().filter(id -> "done".equals(now.get(id))).findFirst().orElse(null);
      }), id -> id != null);
      assertThat(browser.script("return window.goliveNotReloaded === true").asBoolean()).as("no reload").isTrue();
      assertThat(stateOnApi(demo, ticked)).isEqualTo("done");

      // its evidence: transitions with probe results, observed values and condition outcomes
      String row = "li.item[data-item=\"" + ticked + "\"]";
      browser.click(row + " button.evidence-toggle");
      String evidence = browser.await("the evidence of " + ticked, unchecked(() -> browser.text(row + " .evidence")),
          t -> t.contains("Transitions") && t.contains("done") && t.contains("PASS") && t.contains("Observed"));
      assertThat(evidence).contains("→").containsPattern("✓ \\[[A-Z_]+\\]").containsPattern("[A-Z_]+ = \\S")
          .doesNotContain("[object").doesNotContain("undefined");
      assertThat(browser.script("return document.querySelector(arguments[0]).getAttribute('aria-expanded')",
          row + " button.evidence-toggle").asText()).isEqualTo("true");
      assertThat(browser.script("return document.querySelectorAll(arguments[0]).length", row + " tr.transition")
          .asInt()).isGreaterThanOrEqualTo(1);

      // text from the checklist is shown as text (escaped), not markup
      assertThat(browser.text("li.item[data-item=\"GO-007\"] .text")).contains("Error rate < 0.1%");
      // the demo detected its version at start: the current deployment shows with its open windows
      String deployment = browser.await("the current deployment",
          unchecked(() -> browser.displayed("[data-plan=demo] .deployment")
              ? browser.text("[data-plan=demo] .deployment") : ""),
          t -> t.contains("1.4.2") && t.contains("first-30m"));
      assertThat(deployment).contains("open").doesNotContain("[object").doesNotContain("undefined");

      // a manual tick without a token is refused, clearly
      String manualRow = "li.item[data-item=\"" + MANUAL + "\"]";
      assertThat(browser.text(manualRow + " .badge")).isEqualTo("manual");
      browser.click(manualRow + " button.tick");
      awaitDialog(browser, true);
      assertThat(browser.script("return document.getElementById('tick-token').value").asText()).isEmpty();
      browser.type("#tick-by", "Rita Release");
      browser.type("#tick-note", "checked with security");
      browser.click("#tick-submit");
      String refusal = browser.await("the refusal", unchecked(() -> browser.text("#tick-error")),
          t -> !t.isEmpty());
      assertThat(refusal).contains("401").contains("token");
      assertThat(browser.text(manualRow + " .item-msg")).contains("Refused (401");
      assertThat(stateOnApi(demo, MANUAL)).isEqualTo("manual");
      browser.screenshot(dir.resolve("refused.png"));

      // with the token it goes through
      browser.type("#tick-token", demo.token());
      browser.click("#tick-submit");
      awaitDialog(browser, false);
      browser.await(MANUAL + " done on the page", unchecked(() -> browser.text(manualRow + " .badge")),
          "done"::equals);
      assertThat(stateOnApi(demo, MANUAL)).isEqualTo("done");
      JsonNode detail = JSON.readTree(demo.get("/api/plans/demo/items/" + MANUAL).body());
      assertThat(detail.path("evidence").toString()).contains("\"cause\":\"manual\"")
          .contains("\"actor\":\"Rita Release\"").contains("checked with security");
      assertThat(browser.text(manualRow + " .item-msg")).contains("Ticked by Rita Release");
      assertThat(browser.script("return sessionStorage.getItem('golive.token')").asText()).isEqualTo(demo.token());
      assertThat(browser.script("return localStorage.length").asInt()).as("the token is not persisted").isZero();
      assertThat(browser.text("#token-state")).contains("Token set");

      browser.script("window.scrollTo(0, 0)");
      browser.screenshot(SCREENSHOT);
      assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
  }

  /** Item id to the state the page shows, for the items that have probes (no Tick button). */
  private static Map<String, String> probedStates(WebDriver browser) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    browser.script("return Array.from(document.querySelectorAll('li.item'))"
        + ".filter(li => li.querySelector('button.tick').hidden)"
        + ".map(li => [li.dataset.item, li.querySelector('.badge').dataset.state])")
        .forEach(pair -> out.put(pair.get(0).asText(), pair.get(1).asText()));
    return out;
  }

  private static void awaitDialog(WebDriver browser, boolean open) throws Exception {
    browser.await("the tick dialog " + (open ? "open" : "closed"),
        unchecked(() -> browser.script("return document.getElementById('tick-dialog').open").asBoolean()),
        o -> o == open);
  }

  private static String stateOnApi(DemoProcess demo, String item) throws Exception {
    HttpResponse<String> r = demo.get("/api/plans/demo/items/" + item);
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body()).path("item").path("state").asText();
  }
}
