package dev.golive.http;

import static dev.golive.http.WebDriver.unchecked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.cli.GoliveProcess;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The status page lists the checklist's load notes, visibly, in a real headless Chromium. */
class LoadNotesBrowserIT {
  @TempDir Path dir;

  @Test
  @Timeout(300)
  void theStatusPageListsWhatTheLoaderSkipped() throws Exception {
    Path plan = Files.createDirectories(dir.resolve("readiness"));
    Files.copy(Path.of("src/test/resources/LoadNotesTest/readiness/checklist.md"), plan.resolve("checklist.md"));
    Files.writeString(plan.resolve("golive.yaml"), "service: readiness-page\n");
    Daemon daemon = Daemon.start(List.of(PlanLoader.load(plan, Secrets.of(Map.of()))), DaemonOptions.embedded("127.0.0.1", 0, Files.createDirectories(dir.resolve("data")),
        null), Secrets.of(Map.of()));
    try (WebDriver browser = WebDriver.start(dir, GoliveProcess.freePort())) {
      browser.open("http://127.0.0.1:" + daemon.port() + "/");
      List<String> notes = browser.await("the load notes on the page",
          unchecked(() -> browser.texts("[data-plan=readiness-page] .load-notes li")), l -> l.size() == 2);
      assertThat(notes.get(0)).startsWith("line 7: a table of level columns (Level 1, Level 2, Level 3)");
      assertThat(notes.get(1)).startsWith("line 13: '[?]' is not a checkbox");
      assertThat(browser.displayed("[data-plan=readiness-page] section.notes")).isTrue();
    } finally {
      daemon.close();
    }
  }
}
