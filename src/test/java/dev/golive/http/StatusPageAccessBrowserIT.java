package dev.golive.http;

import static dev.golive.http.WebDriver.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.cli.GoliveProcess;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real headless Chromium against a daemon whose reads need a token and which accepts no writes:
 * the page shows nothing until the read token is given, says so when a token is refused, and never offers a Tick
 * button (nobody could tick here).
 */
class StatusPageAccessBrowserIT {
  private static final Path PLAN = Path.of("src/test/resources/StatusPageAccessBrowserIT/shop");
  private static final String READ_TOKEN = "page-read-token-4711";

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void aReadTokenGuardsThePlansAndAReadOnlyDaemonOffersNoTickButtons() throws Exception {
    Secrets secrets = Secrets.of(Map.of("SHOP_URL", "http://127.0.0.1:9"));
    DaemonOptions options = DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("data"), null)
        .withReadToken(READ_TOKEN);
    try (Daemon daemon = Daemon.start(List.of(PlanLoader.load(PLAN, secrets)), options, secrets);
        WebDriver browser = WebDriver.start(dir, GoliveProcess.freePort())) {
      browser.open("http://127.0.0.1:" + daemon.port() + "/");
      browser.await("the read-token form", unchecked(() -> browser.displayed("#read-login")), shown -> shown);
      assertThat(browser.texts("li.item")).as("nothing of the plan without the token").isEmpty();
      assertThat(browser.text("#live")).contains("401");

      browser.type("#read-token", "wrong-token");
      browser.click("#read-login button[type=submit]");
      browser.await("the refusal", unchecked(() -> browser.text("#read-error")), t -> t.contains("refused"));
      assertThat(browser.texts("li.item")).isEmpty();

      browser.type("#read-token", READ_TOKEN);
      browser.click("#read-login button[type=submit]");
      browser.await("the plan's items", unchecked(() -> browser.texts("li.item").size()), n -> n == 2);
      assertThat(browser.displayed("#read-login")).as("the form goes away").isFalse();
      assertThat(browser.text("#token-state")).contains("Read-only");
      assertThat(browser.script("return Array.from(document.querySelectorAll('button.tick'))"
          + ".filter(b => !b.hidden).length").asInt()).as("no Tick button on a read-only daemon").isZero();
      assertThat(browser.text("li.item[data-item=\"GO-002\"]")).contains("manual");
    }
  }
}
