package dev.golive.plans;

import dev.golive.cli.GoliveProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code golive run} from target/golive.jar as a real process on a free loopback port, for rollout tests. */
public final class GoliveDaemon implements AutoCloseable {
  public static final String TOKEN = "plans-it-api-token";

  private final GoliveProcess process;

  private GoliveDaemon(GoliveProcess process) {
    this.process = process;
  }

  public static GoliveDaemon start(Path work, Path planDir, Map<String, String> env) throws Exception {
    int port = GoliveProcess.freePort();
    Map<String, String> withToken = new HashMap<>(env);
    withToken.put("GOLIVE_API_TOKEN", TOKEN);
    GoliveDaemon d = new GoliveDaemon(GoliveProcess.start(work, withToken, port, "run", "--host", "127.0.0.1",
        "--port", String.valueOf(port), "--data", work.resolve("data").toString(), planDir.toAbsolutePath().toString()));
    d.process.await("/readyz", body -> true);
    return d;
  }

  public String output() throws IOException {
    return process.output();
  }

  public HttpResponse<String> get(String path) throws Exception {
    return process.get(path);
  }

  public HttpResponse<String> post(String path, String json) throws Exception {
    return process.post(path, TOKEN, json);
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
    process.close();
  }
}
