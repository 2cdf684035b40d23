package dev.golive.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code golive run} from target/golive.jar as a real process on a free loopback port, for rollout tests. */
public final class GoliveDaemon implements AutoCloseable {
  public static final String TOKEN = "plans-it-api-token";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  final Path log;
  final int port;

  private GoliveDaemon(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  public static GoliveDaemon start(Path work, Path planDir, Map<String, String> env) throws Exception {
    Path jar = Path.of(System.getProperty("golive.jar", "target/golive.jar")).toAbsolutePath();
    assertThat(jar).as("the shaded jar (run mvn package first)").exists();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = work.resolve("golive.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "run", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--data", work.resolve("data").toString(), planDir.toAbsolutePath().toString())
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("GOLIVE_API_TOKEN", TOKEN);
    GoliveDaemon d = new GoliveDaemon(pb.start(), log, port);
    d.awaitReady();
    return d;
  }

  private void awaitReady() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      assertThat(process.isAlive()).as("golive is running; its output:\n%s", output()).isTrue();
      try {
        if (get("/readyz").statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("golive did not get ready; output:\n" + output());
  }

  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  public HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Copies a plan folder, replacing its defaults line so the post-deploy checks run every {@code interval}. */
  public static Path fastCopy(Path plan, Path into, String defaults) throws IOException {
    Path dir = Files.createDirectories(into.resolve(plan.getFileName()));
    for (Path f : List.of(plan.resolve("checklist.md"), plan.resolve("golive.yaml"))) {
      String text = Files.readString(f);
      if (f.getFileName().toString().equals("golive.yaml")) {
        text = text.replaceFirst("(?m)^defaults: .*$", "defaults: " + defaults);
      }
      Files.writeString(dir.resolve(f.getFileName()), text);
    }
    return dir;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
