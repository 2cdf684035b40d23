package dev.golive.demo;

import dev.golive.cli.GoliveProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code golive demo} from {@code target/golive.jar} as a real process, on a free loopback port, with its own data
 * directory and its fake service on free ports ({@code --service-port 0}), so it never collides with another demo.
 */
public final class DemoProcess implements AutoCloseable {
  private final GoliveProcess process;
  private final Path data;

  private DemoProcess(GoliveProcess process, Path data) {
    this.process = process;
    this.data = data;
  }

  /** Starts the demo in {@code workDir} (state under {@code workDir/data}); returns once its HTTP port answers. */
  public static DemoProcess start(Path workDir) throws Exception {
    int port = GoliveProcess.freePort();
    Path data = workDir.resolve("data");
    DemoProcess demo = new DemoProcess(GoliveProcess.start(workDir, Map.of(), port, "demo", "--port",
        String.valueOf(port), "--data", data.toString(), "--service-port", "0", "--service-tls-port", "0"), data);
    demo.await("/healthz", body -> true);
    return demo;
  }

  public int port() {
    return process.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The write token the demo made under its data directory. */
  public String token() throws IOException {
    return Files.readString(data.resolve(DemoPlan.TOKEN_FILE), StandardCharsets.UTF_8).trim();
  }

  public String output() throws IOException {
    return process.output();
  }

  public HttpResponse<String> get(String path) throws Exception {
    return process.get(path);
  }

  public HttpResponse<String> post(String path, String token, String json) throws Exception {
    return process.post(path, token, json);
  }

  /** Polls {@code path} until a 200 body satisfies {@code until}; fails with the last answer and the log. */
  public String await(String path, Predicate<String> until) throws Exception {
    return process.await(path, until);
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
