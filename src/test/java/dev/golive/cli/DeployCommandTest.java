package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code golive deploy} against a running daemon (in this JVM, over real HTTP on loopback). Captures System.out and
 * System.err, so it runs alone: parallel classes would write into them.
 */
@Isolated
class DeployCommandTest {
  private static final String TOKEN = "cli-deploy-token";
  @TempDir Path dir;
  private Daemon daemon;
  private Path tokenFile;
  private String url;

  @BeforeEach
  void start() throws Exception {
    List<PlanConfig> plans = PlanLoader.loadAll(List.of(Path.of("src/test/resources/DeployCommandTest/shop")),
        Secrets.of(Map.of()));
    daemon = Daemon.start(plans, DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("state"), TOKEN),
        Secrets.of(Map.of()));
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    url = "http://127.0.0.1:" + daemon.port();
  }

  @AfterEach
  void stop() {
    if (daemon != null) daemon.close();
  }

  private static MainRun golive(String... args) {
    return MainRun.of(args);
  }


  @Test
  void marksADeploymentOnceAndSaysSo() {
    MainRun first = golive("deploy", "--plan", "shop", "--version", "1.4.3", "--note", "CHG-7", "--url", url,
        "--token-file", tokenFile.toString());
    assertThat(first.code()).as(first.err()).isEqualTo(0);
    assertThat(first.out()).contains("shop: marked 1.4.3");
    assertThat(daemon.rollouts().get("shop").current().version()).isEqualTo("1.4.3");
    assertThat(daemon.rollouts().get("shop").current().note()).isEqualTo("CHG-7");
    MainRun again = golive("deploy", "--plan", "shop", "--version", "1.4.3", "--url", url, "--token-file",
        tokenFile.toString());
    assertThat(again.code()).isEqualTo(0);
    assertThat(again.out()).contains("already 1.4.3");
    assertThat(daemon.registry().scrape()).contains("golive_deployment_info{deployment=\""
        + daemon.rollouts().get("shop").current().id() + "\",plan=\"shop\",version=\"1.4.3\"} 1")
        .contains("golive_window_active{plan=\"shop\",window=\"first-30m\"} 1.0")
        .contains("golive_window_active{plan=\"shop\",window=\"first-24h\"} 0.0");
    assertThat(golive("deploy", "--plan", "shop", "--version", "1.4.4", "--url", url, "--token-file",
        tokenFile.toString()).code()).isEqualTo(0);
    assertThat(daemon.registry().scrape()).contains("version=\"1.4.4\"} 1").doesNotContain("version=\"1.4.3\"");
  }

  @Test
  void aRefusedOrUnreachableDaemonIsOneLineAndExit1() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "nope");
    MainRun refused = golive("deploy", "--plan", "shop", "--version", "1.4.3", "--url", url, "--token-file",
        wrong.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip()).doesNotContain("\n").contains("HTTP 401").contains("not valid");
    MainRun noPlan = golive("deploy", "--plan", "nope", "--version", "1.4.3", "--url", url, "--token-file",
        tokenFile.toString());
    assertThat(noPlan.code()).isEqualTo(1);
    assertThat(noPlan.err()).contains("HTTP 404").contains("no plan 'nope'");
    int closed = GoliveProcess.freePort();
    MainRun unreachable = golive("deploy", "--plan", "shop", "--version", "1.4.3", "--url", "http://127.0.0.1:" + closed,
        "--token-file", tokenFile.toString());
    assertThat(unreachable.code()).isEqualTo(1);
    assertThat(unreachable.err().strip()).doesNotContain("\n").startsWith("golive deploy: cannot reach the daemon")
        .doesNotContain("Exception\n\tat");
    assertThat(daemon.rollouts().get("shop").current()).isNull();
  }

  @Test
  void badArgumentsAreExit2() {
    assertThat(golive("deploy", "--plan", "shop", "--url", url).code()).isEqualTo(2);
    assertThat(golive("deploy", "--plan", "shop", "--version", "1", "--url", "ftp://x", "--token-file",
        tokenFile.toString()).code()).isEqualTo(2);
    assertThat(golive("deploy", "--plan", "shop", "--version", "1", "--url", url, "--token-file",
        dir.resolve("missing").toString()).code()).isEqualTo(2);
  }
}
