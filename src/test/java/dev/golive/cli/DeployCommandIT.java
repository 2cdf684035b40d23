package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code golive deploy} as users run it, against {@code golive run} as a real process, across a kill -9. */
class DeployCommandIT {
  private static final String TOKEN = "it-deploy-token";
  @TempDir Path work;

  @Test
  void deployMarksARelease_andTheWindowResumesAfterKill9() throws Exception {
    Path plan = Files.createDirectories(work.resolve("shop"));
    for (String f : new String[] {"golive.yaml", "checklist.md"}) {
      Files.copy(Path.of("src/test/resources/DeployCommandTest/shop", f), plan.resolve(f));
    }
    int port = GoliveProcess.freePort();
    Map<String, String> env = Map.of("GOLIVE_API_TOKEN", TOKEN);
    String[] run = {"run", "shop", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data", "state"};
    String url = "http://127.0.0.1:" + port;
    JsonObject before;
    try (GoliveProcess daemon = GoliveProcess.start(work, env, port, run)) {
      daemon.await("/readyz", b -> b.contains("ready"));
      GoliveProcess.Result marked = GoliveProcess.run(work, env, "deploy", "--plan", "shop", "--version", "1.4.3",
          "--note", "CHG-9", "--url", url);
      assertThat(marked.exitCode()).as(marked.output()).isEqualTo(0);
      assertThat(marked.output()).contains("shop: marked 1.4.3");
      GoliveProcess.Result refused = GoliveProcess.run(work, Map.of("GOLIVE_API_TOKEN", "wrong"), "deploy", "--plan",
          "shop", "--version", "1.4.4", "--url", url);
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.output().strip()).isEqualTo(
          "golive deploy: the daemon refused (HTTP 401): the bearer token is not valid");
      before = new JsonObject(daemon.await("/api/plans/shop/deployments/current", b -> b.contains("1.4.3")));
      daemon.kill9();
    }
    try (GoliveProcess daemon = GoliveProcess.start(work, env, port, run)) {
      JsonObject after = new JsonObject(daemon.await("/api/plans/shop/deployments/current", b -> b.contains("1.4.3")));
      assertThat(after.getString("id")).isEqualTo(before.getString("id"));
      JsonObject window = after.getJsonArray("windows").getJsonObject(0);
      assertThat(window.getString("state")).isEqualTo("open");
      assertThat(window.getString("opensAt"))
          .isEqualTo(before.getJsonArray("windows").getJsonObject(0).getString("opensAt"));
      GoliveProcess.Result again = GoliveProcess.run(work, env, "deploy", "--plan", "shop", "--version", "1.4.3",
          "--url", url);
      assertThat(again.exitCode()).isEqualTo(0);
      assertThat(again.output()).contains("already 1.4.3");
    }
    GoliveProcess.Result unreachable = GoliveProcess.run(work, env, "deploy", "--plan", "shop", "--version", "1.4.5",
        "--url", url);
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.output().strip()).startsWith("golive deploy: cannot reach the daemon").doesNotContain("\tat ");
  }
}
