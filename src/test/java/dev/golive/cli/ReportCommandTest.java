package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code golive report} against a real in-process daemon whose probes hit a local target: a passing item, a failing
 * one and a manual tick end up in a sealed Markdown (and JSON) pack, and {@code --verify} catches a one-character edit.
 * Captures System.out and System.err, so it runs alone: parallel classes would write into them.
 */
@Isolated
class ReportCommandTest {
  private static final String API_TOKEN = "report-test-api-token";
  private static final Path PLAN = Path.of("src/test/resources/ReportCommandTest/shop");
  @TempDir Path dir;
  private HttpServer target;
  private Daemon daemon;
  private String url;


  @BeforeEach
  void start() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/health", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
    target.createContext("/orders", ex -> respond(ex, 503, "{\"error\":\"db down\"}"));
    target.start();
    Secrets secrets = Secrets.of(Map.of("SHOP_URL", "http://127.0.0.1:" + target.getAddress().getPort()));
    daemon = Daemon.start(List.of(PlanLoader.load(PLAN, secrets)),
        DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("data"), API_TOKEN), secrets);
    url = "http://127.0.0.1:" + daemon.port();
    PlanRuntime shop = daemon.runtimes().get("shop");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!(state("GO-001").equals("done") && state("GO-002").equals("failing"))) {
      assertThat(System.nanoTime()).as("probes settle within 30s").isLessThan(deadline);
      for (String probe : List.of("health", "orders")) {
        Promise<Void> done = Promise.promise();
        shop.context().runOnContext(v -> shop.run(probe).onComplete(ar -> done.complete()));
        done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
    HttpResponse<String> tick = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(url + "/api/plans/shop/items/GO-003/tick"))
        .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"alice\",\"note\":\"rehearsed on staging\"}"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tick.statusCode()).isEqualTo(200);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body)
      throws java.io.IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private String state(String item) {
    return daemon.runtimes().get("shop").items().get(item).state().label();
  }

  @AfterEach
  void stop() {
    if (daemon != null) daemon.close();
    if (target != null) target.stop(0);
  }

  private static MainRun golive(String... args) {
    return MainRun.of(args);
  }


  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theMarkdownPackShowsVerdictGatesEvidenceAndWhoTickedAndIsSealed() throws Exception {
    Path file = dir.resolve("shop-evidence.md");
    MainRun r = golive("report", "--url", url, "--plan", "shop", "--output", file.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
    String md = Files.readString(file);
    Files.createDirectories(Path.of("target/ReportCommandTest"));
    Files.writeString(Path.of("target/ReportCommandTest/shop-evidence.md"), md); // for review
    assertThat(md).startsWith("# Evidence pack: shop\n")
        .contains("- Verdict: **GO**\n")
        .contains("| launch (Launch) | yes | PASSED | 2 |  |\n")
        .contains("| orders | no | FAILED | 1 | GO-002 (failing) |\n");
    String go001 = section(md, "### GO-001");
    assertThat(go001).contains("- State: **done** since ")
        .contains("- Last change: passing → done at ")
        .contains("by probe `health`")
        .contains("- Evidence: probe `health` (http) at ")
        .contains("  - `[STATUS] (200) == 200`: passed\n")
        .contains("  - `[BODY].status (ok) == ok`: passed\n")
        .containsPattern("observed: .*`STATUS` = `200`");
    assertThat(section(md, "### GO-002")).contains("- State: **failing**")
        .contains("  - `[STATUS] (503) == 200`: failed\n");
    assertThat(section(md, "### GO-003")).contains("- State: **done**")
        .contains("by alice (manual): rehearsed on staging")
        .contains("- Probes: none (a person ticks it)");
    List<String> lines = md.lines().toList();
    String last = lines.get(lines.size() - 1);
    assertThat(last).matches("sha256:[0-9a-f]{64}");
    assertThat(last).isEqualTo("sha256:" + sha256(md.substring(0, md.lastIndexOf("sha256:"))));
    assertThat(r.err()).contains("wrote " + file).contains(last);
    assertThat(md).doesNotContain(API_TOKEN);

    MainRun intact = golive("report", "--verify", file.toString());
    assertThat(intact.code()).as(intact.err()).isEqualTo(Main.OK);
    assertThat(intact.out()).contains("intact: " + file).contains(last);

    Files.writeString(file, md.replace("`[STATUS] (503) == 200`: failed", "`[STATUS] (503) == 200`: passed"));
    MainRun altered = golive("report", "--verify", file.toString());
    assertThat(altered.code()).isEqualTo(Main.FAILED);
    assertThat(altered.err().strip()).startsWith("golive: ALTERED: " + file)
        .contains("changed: item GO-002 Orders API answers")
        .doesNotContain("GO-001");

    Files.writeString(file, md.replace("rehearsed on staging", "rehearsed on stagins"));
    assertThat(golive("report", "--verify", file.toString()).err()).contains("changed: item GO-003");
    Files.writeString(file, md.substring(0, md.length() - 3) + "0\n");
    assertThat(golive("report", "--verify", file.toString()).err()).contains("digest lines themselves");
    Files.writeString(file, md.replace("\n", "\r\n"));
    assertThat(golive("report", "--verify", file.toString()).code()).as("line endings do not matter")
        .isEqualTo(Main.OK);
  }

  @Test
  void theJsonPackCarriesItsDigestAndIsVerifiedToo() throws Exception {
    MainRun r = golive("report", "--url", url, "--plan", "shop", "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
    io.vertx.core.json.JsonObject pack = new io.vertx.core.json.JsonObject(r.out());
    assertThat(pack.getBoolean("go")).isTrue();
    assertThat(pack.getString("digest")).matches("sha256:[0-9a-f]{64}");
    assertThat(pack.getJsonArray("items")).hasSize(3);
    assertThat(pack.getJsonArray("items").getJsonObject(2).getJsonArray("evidence").getJsonObject(0)
        .getString("actor")).isEqualTo("alice");
    Path file = dir.resolve("shop.json");
    Files.writeString(file, r.out());
    assertThat(golive("report", "--verify", file.toString()).code()).isEqualTo(Main.OK);
    Files.writeString(file, r.out().replace("\"alice\"", "\"alicE\""));
    MainRun altered = golive("report", "--verify", file.toString());
    assertThat(altered.code()).isEqualTo(Main.FAILED);
    assertThat(altered.err()).contains("ALTERED");
  }

  @Test
  void theHtmlPackIsOneSelfContainedPageSealedWithTheDigestOfItsEvidenceData() throws Exception {
    Path file = dir.resolve("shop-evidence.html");
    MainRun r = golive("report", "--url", url, "--plan", "shop", "--format", "html", "--output", file.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
    String html = Files.readString(file);
    Files.createDirectories(Path.of("target/ReportCommandTest"));
    Files.writeString(Path.of("target/ReportCommandTest/shop-evidence.html"), html); // for review
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Evidence pack: shop — GO</title>")
        .contains("<p class=\"verdict go\">GO</p>")
        .contains("<td>launch (Launch)</td>").contains("<td>GO-002 (failing)</td>")
        .contains("<code>[STATUS] (503) == 200</code>: failed")
        .contains("by alice (manual): rehearsed on staging")
        .contains("@media print");
    assertThat(html).as("no external assets, nothing that runs")
        .doesNotContain("<link").doesNotContain(" src=").doesNotContain("<img").doesNotContain("@import")
        .doesNotContain("<script>").doesNotContain("<script src");
    assertThat(html).doesNotContain(API_TOKEN);

    // the embedded evidence data is the JSON pack, with the JSON format's digest
    int start = html.indexOf("id=\"golive-pack\">") + "id=\"golive-pack\">".length();
    String embedded = html.substring(start, html.indexOf("</script>", start));
    io.vertx.core.json.JsonObject pack = new io.vertx.core.json.JsonObject(embedded);
    assertThat(pack.getString("digest")).matches("sha256:[0-9a-f]{64}");
    assertThat(html).contains("<meta name=\"golive-digest\" content=\"" + pack.getString("digest") + "\">");
    Path asJson = dir.resolve("embedded.json");
    Files.writeString(asJson, embedded);
    assertThat(golive("report", "--verify", asJson.toString()).code()).as("the embedded pack is a sealed JSON report")
        .isEqualTo(Main.OK);

    MainRun intact = golive("report", "--verify", file.toString());
    assertThat(intact.code()).as(intact.err()).isEqualTo(Main.OK);
    assertThat(intact.out()).contains("intact: " + file).contains(pack.getString("digest"));
    Files.writeString(file, html.replace("\n", "\r\n"));
    assertThat(golive("report", "--verify", file.toString()).code()).as("line endings do not matter")
        .isEqualTo(Main.OK);

    Files.writeString(file, html.replace("<code>[STATUS] (503) == 200</code>: failed",
        "<code>[STATUS] (503) == 200</code>: passed"));
    MainRun visible = golive("report", "--verify", file.toString());
    assertThat(visible.code()).isEqualTo(Main.FAILED);
    assertThat(visible.err()).contains("ALTERED").contains("changed: the visible page");

    Files.writeString(file, html.replace("\"alice\"", "\"alicE\""));
    MainRun data = golive("report", "--verify", file.toString());
    assertThat(data.code()).isEqualTo(Main.FAILED);
    assertThat(data.err()).contains("changed: the embedded evidence data");

    Files.writeString(file, html.substring(0, html.indexOf("<script type=")));
    MainRun cut = golive("report", "--verify", file.toString());
    assertThat(cut.code()).isEqualTo(Main.FAILED);
    assertThat(cut.err()).contains("no embedded evidence data");
  }

  @Test
  void anUnreachableDaemonIsOneClearLineAndExit1AndBadInputIsExit2() throws Exception {
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    MainRun down = golive("report", "--url", "http://127.0.0.1:" + free, "--plan", "shop");
    assertThat(down.code()).isEqualTo(Main.FAILED);
    assertThat(down.err().strip()).startsWith("golive: cannot reach the golive daemon at http://127.0.0.1:" + free)
        .doesNotContain("\n");
    MainRun unknown = golive("report", "--url", url, "--plan", "nope");
    assertThat(unknown.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(unknown.err()).contains("no plan 'nope'");
    assertThat(golive("report", "--url", url, "--plan", "shop", "--format", "pdf").code()).isEqualTo(Main.BAD_INPUT);
    assertThat(golive("report", "--url", url).code()).as("needs --plan or --verify").isEqualTo(Main.BAD_INPUT);
    assertThat(golive("report", "--verify", dir.resolve("missing.md").toString()).code()).isEqualTo(Main.BAD_INPUT);
  }

  /** The part of the report from {@code heading} to the next heading. */
  private static String section(String md, String heading) {
    int start = md.indexOf(heading);
    assertThat(start).as(heading).isGreaterThanOrEqualTo(0);
    int next = md.indexOf("\n#", start + 1);
    return md.substring(start, next < 0 ? md.length() : next);
  }
}
