package dev.golive.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code golive demo} from {@code target/golive.jar} as a real process, on a free loopback port, with its own data
 * directory and its fake service on free ports ({@code --service-port 0}), so it never collides with another demo.
 */
public final class DemoProcess implements AutoCloseable {
  public static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path log;
  private final Path data;
  private final int port;

  private DemoProcess(Process process, Path log, Path data, int port) {
    this.process = process;
    this.log = log;
    this.data = data;
    this.port = port;
  }

  /** Starts the demo in {@code workDir} (state under {@code workDir/data}); returns once its HTTP port answers. */
  public static DemoProcess start(Path workDir) throws Exception {
    Path jar = Path.of(System.getProperty("golive.jar", "target/golive.jar"));
    assertThat(jar).as("the shaded jar (mvn package builds it)").exists();
    int port = freePort();
    Path data = workDir.resolve("data");
    Path log = workDir.resolve("golive-demo.log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
        jar.toAbsolutePath().toString(), "demo", "--port", String.valueOf(port), "--data", data.toString(),
        "--service-port", "0", "--service-tls-port", "0");
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    DemoProcess demo = new DemoProcess(p, log, data, port);
    demo.await("/healthz", body -> true);
    return demo;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The write token the demo made under its data directory. */
  public String token() throws IOException {
    return Files.readString(data.resolve(DemoPlan.TOKEN_FILE), StandardCharsets.UTF_8).trim();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code path} until a 200 body satisfies {@code until}; fails with the last answer and the log. */
  public String await(String path, java.util.function.Predicate<String> until) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      assertThat(process.isAlive()).as("golive demo is running; its output:\n%s", output()).isTrue();
      try {
        HttpResponse<String> r = get(path);
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && until.test(r.body())) return r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("gave up waiting on " + path + "; last answer: " + last + "\noutput:\n" + output());
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
