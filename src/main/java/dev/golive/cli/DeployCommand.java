package dev.golive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code golive deploy}: marks a release through the running daemon's API. Exit 0 when recorded (or already current),
 * 1 when the daemon refuses or cannot be reached (one line), 2 for bad arguments.
 */
@Command(name = "deploy", description = "Mark a deployment of a plan on the running daemon: it opens the windows.")
final class DeployCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--plan", required = true, description = "The plan (its service name).")
  String plan;

  @Option(names = "--version", required = true, description = "The version that went out, e.g. 1.4.3.")
  String version;

  @Option(names = "--note", description = "Why, or a link to the change.")
  String note;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The daemon (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--token-file", description = "File holding the API write token (else $" + ServerOptions.TOKEN_ENV
      + ").")
  Path tokenFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (plan.isBlank() || version.isBlank()) {
      err.println("golive deploy: --plan and --version must not be empty");
      return Main.BAD_INPUT;
    }
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url : url + "/");
      if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) throw new IllegalArgumentException();
    } catch (IllegalArgumentException e) {
      err.println("golive deploy: --url must be an http(s) URL such as http://127.0.0.1:8080, got '" + url + "'");
      return Main.BAD_INPUT;
    }
    String token;
    try {
      token = token();
    } catch (IOException e) {
      err.println("golive deploy: cannot read --token-file " + tokenFile + ": " + e.getClass().getSimpleName());
      return Main.BAD_INPUT;
    }
    if (token == null || token.isBlank()) {
      err.println("golive deploy: no API token: pass --token-file or set " + ServerOptions.TOKEN_ENV);
      return Main.BAD_INPUT;
    }
    ObjectNode body = JSON.createObjectNode().put("version", version.trim());
    if (note != null) body.put("note", note);
    URI target = base.resolve("api/plans/" + URLEncoder.encode(plan, StandardCharsets.UTF_8).replace("+", "%20")
        + "/deployments");
    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token.trim())
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.println("golive deploy: cannot reach the daemon at " + url + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
      return Main.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("golive deploy: interrupted");
      return Main.FAILED;
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = JSON.createObjectNode();
    }
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      out.printf("%s: %s %s is the current deployment (%s, deployed %s)%n", plan, status == 201 ? "marked" : "already",
          json.path("version").asText(version), json.path("id").asText("?"), json.path("deployedAt").asText("?"));
      out.flush();
      return Main.OK;
    }
    String why = json.path("error").asText("");
    err.println("golive deploy: the daemon refused (HTTP " + status + ")" + (why.isEmpty() ? "" : ": " + why));
    return Main.FAILED;
  }

  private String token() throws IOException {
    if (tokenFile != null) return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
    return System.getenv(ServerOptions.TOKEN_ENV);
  }
}
