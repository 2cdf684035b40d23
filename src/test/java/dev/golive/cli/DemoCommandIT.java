package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.demo.DemoProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code golive demo} from the jar, as a newcomer meets it: where to look, how to check it, how it stops. */
class DemoCommandIT {
  @TempDir Path dir;

  @Test
  void takenServicePortsSayHowToPickFreeOnes() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GoliveProcess.Result r = GoliveProcess.run(dir, Map.of(), "demo", "--port", "0", "--data",
          dir.resolve("data").toString(), "--service-port", String.valueOf(taken.getLocalPort()));
      assertThat(r.exitCode()).isEqualTo(Main.FAILED);
      assertThat(r.output()).contains("cannot start the demo service on 127.0.0.1:" + taken.getLocalPort())
          .contains("--service-port 0 --service-tls-port 0").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void theDemoSaysWhereToLookOnlyOnceItListensAndStopsWithoutAnError() throws Exception {
    DemoProcess demo = DemoProcess.start(Files.createDirectories(dir.resolve("demo")));
    try {
      demo.await("/api/plans/demo/items", body -> body.contains("\"done\""));
      String log = demo.output();
      assertThat(log).contains("open http://127.0.0.1:" + demo.port() + "/ for the status page")
          .as("sockets use Linux's epoll, said once at start").contains("network: native epoll transport");
      List<String> lines = log.lines().toList();
      int listening = indexOf(lines, "listening on http://");
      int open = indexOf(lines, "open http://127.0.0.1:");
      assertThat(open).as("'open' comes after golive listens:%n%s", log).isGreaterThan(listening);
      String check = lines.get(indexOf(lines, "check the demo from another terminal"));
      Path ca = Path.of(check.replaceAll(".*DEMO_CA_FILE=(\\S+) .*", "$1"));
      assertThat(ca).as("the CA file the hint names").isRegularFile();

      // the hint works: check against the running demo, with the CA it names
      String planDir = check.replaceAll(".* golive check (\\S+)$", "$1");
      GoliveProcess.Result checked = GoliveProcess.run(dir, Map.of("DEMO_CA_FILE", ca.toString()), "check",
          planDir);
      assertThat(checked.output()).as("check loads the demo plan").doesNotContain("DEMO_CA_FILE")
          .doesNotContain("file not found").contains("GO-001");
    } finally {
      demo.close(); // SIGTERM
    }
    assertThat(demo.output()).contains("stopping").doesNotContain("ERROR").doesNotContain("Exception");
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) return i;
    }
    throw new AssertionError("no line with '" + text + "' in:\n" + String.join("\n", lines));
  }
}
