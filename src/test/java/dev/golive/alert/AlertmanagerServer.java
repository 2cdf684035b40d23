package dev.golive.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port, routing everything to a
 * receiver that sends nothing. Fails loudly (never skips) when the binary is missing. Shared by the alert ITs.
 */
final class AlertmanagerServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final int port;
  private final Process process;
  private final Path dir;

  private AlertmanagerServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts Alertmanager and waits (up to 60s) until {@code /-/ready} answers 200. */
  static AlertmanagerServer start() throws Exception {
    return start("""
        route:
          receiver: blackhole
          group_wait: 1s
        receivers:
          - name: blackhole
        """);
  }

  /** Starts Alertmanager with the given {@code alertmanager.yml}. */
  static AlertmanagerServer start(String configYaml) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      fail(BINARY + " is missing: install the Debian package 'prometheus-alertmanager'; this test does not skip");
    }
    Path dir = Files.createTempDirectory("golive-am");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, configYaml);
    int port = AlertFixture.freePort();
    Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(dir.resolve("am.log").toFile()).start();
    AlertmanagerServer am = new AlertmanagerServer(p, port, dir);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!p.isAlive()) fail("alertmanager exited: " + am.log());
      try {
        if (am.get("/-/ready").statusCode() == 200) return am;
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > end) {
        am.close();
        fail("alertmanager not ready in 60s: " + am.log());
      }
      Thread.sleep(100);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String log() throws IOException {
    return Files.readString(dir.resolve("am.log"));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The alerts Alertmanager lists as active for {@code plan} ({@code GET /api/v2/alerts?filter=plan="..."}). */
  List<JsonNode> active(String plan) {
    try {
      HttpResponse<String> r = get("/api/v2/alerts?filter="
          + URLEncoder.encode("plan=\"" + plan + "\"", StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(r.body()).forEach(out::add);
      return out;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
