package dev.golive.cli;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code target/golive.jar} as a real process, the way users and service managers do. The one process wrapper
 * of the tests (CLI, demo, plan drills).
 */
public final class GoliveProcess implements AutoCloseable {
  public static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Process process;
  final Path log;
  final int port;

  private GoliveProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  public static Path jar() {
    String jar = System.getProperty("golive.jar", "target/golive.jar");
    Path p = Path.of(jar);
    assertThat(p).as("the shaded jar (run mvn package first)").exists();
    return p;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts golive with arguments; output goes to {@code log}. */
  public static GoliveProcess start(Path workDir, Map<String, String> env, int port, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar().toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(workDir, "golive", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new GoliveProcess(pb.start(), log, port);
  }

  /** Runs golive to completion (bounded) and returns exit code and output. */
  public int port() {
    return port;
  }

  static Result run(Path workDir, Map<String, String> env, String... args) throws Exception {
    try (GoliveProcess p = start(workDir, env, -1, args)) {
      assertThat(p.process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("golive exits").isTrue();
      return new Result(p.process.exitValue(), p.output());
    }
  }

  record Result(int exitCode, String output) {}

  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code path} until the body satisfies {@code until}; fails with the last body after the deadline. */
  public String await(String path, Predicate<String> until) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      assertThat(process.isAlive()).as("golive is running; its output:\n%s", output()).isTrue();
      try {
        HttpResponse<String> r = get(path);
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && until.test(r.body())) return r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("gave up waiting on " + path + "; last answer: " + last + "\noutput:\n" + output());
  }

  public Process process() {
    return process;
  }

  /** Sends a signal by name (STOP, CONT) with kill(1). */
  public void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s", name).isTrue();
  }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
