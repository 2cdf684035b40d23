package dev.golive.http;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Just enough of the W3C WebDriver protocol (https://www.w3.org/TR/webdriver2/) to drive headless Chromium through
 * {@code chromedriver}: one session, CSS selectors, clicks, typing, scripts and screenshots. The driver runs on a
 * free loopback port and is stopped by {@link #close()}.
 */
final class WebDriver implements AutoCloseable {
  static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Process driver;
  private final Path log;
  private final String base;
  private String session;

  private WebDriver(Process driver, Path log, int port) {
    this.driver = driver;
    this.log = log;
    this.base = "http://127.0.0.1:" + port;
  }

  /** Starts chromedriver and a headless Chromium session; fails (never skips) when either binary is missing. */
  static WebDriver start(Path workDir, int port) throws Exception {
    Path chromedriver = Path.of("/usr/bin/chromedriver");
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromedriver) || !Files.isExecutable(chromium)) {
      fail("chromium and chromedriver are required: apt-get install -y chromium chromium-driver; this test does not "
          + "skip");
    }
    Path log = workDir.resolve("chromedriver.log");
    Process p = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1",
        "--log-path=" + log).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(workDir.resolve("chromedriver.out").toFile()).start();
    WebDriver d = new WebDriver(p, log, port);
    d.awaitReady();
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
    ObjectNode caps = JSON.createObjectNode();
    ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
    always.put("browserName", "chrome");
    ObjectNode chrome = always.putObject("goog:chromeOptions");
    chrome.put("binary", chromium.toString());
    chrome.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
        .add("--disable-dev-shm-usage").add("--user-data-dir=" + profile).add("--window-size=1600,1300")
        .add("--no-first-run").add("--disable-extensions");
    JsonNode created = d.call("POST", "/session", caps);
    d.session = created.path("sessionId").asText();
    return d;
  }

  private void awaitReady() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < end) {
      if (!driver.isAlive()) fail("chromedriver exited: " + output());
      try {
        JsonNode status = call("GET", "/status", null);
        if (status.path("ready").asBoolean()) return;
        last = status.toString();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    fail("chromedriver not ready: " + last);
  }

  private String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** One command; returns its {@code value}, or fails with the driver's error. */
  JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
        .header("Content-Type", "application/json; charset=utf-8");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode value = JSON.readTree(r.body()).path("value");
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": "
          + value.path("error").asText() + ": " + value.path("message").asText());
    }
    return value;
  }

  private String s(String path) {
    return "/session/" + session + path;
  }

  void open(String url) throws Exception {
    call("POST", s("/url"), Map.of("url", url));
  }

  /** The first element matching the CSS selector, or null. */
  String find(String css) throws Exception {
    JsonNode found = call("POST", s("/elements"), Map.of("using", "css selector", "value", css));
    return found.size() == 0 ? null : found.get(0).path(ELEMENT).asText();
  }

  String require(String css) throws Exception {
    return await("an element " + css, () -> {
      try {
        return find(css);
      } catch (Exception e) {
        return null;
      }
    }, e -> e != null);
  }

  void click(String css) throws Exception {
    call("POST", s("/element/" + require(css) + "/click"), Map.of());
  }

  void type(String css, String text) throws Exception {
    String e = require(css);
    call("POST", s("/element/" + e + "/clear"), Map.of());
    call("POST", s("/element/" + e + "/value"), Map.of("text", text));
  }

  /** The rendered (visible) text of the element, or "" when absent. */
  String text(String css) throws Exception {
    String e = find(css);
    return e == null ? "" : call("GET", s("/element/" + e + "/text"), null).asText();
  }

  boolean displayed(String css) throws Exception {
    String e = find(css);
    return e != null && call("GET", s("/element/" + e + "/displayed"), null).asBoolean();
  }

  JsonNode script(String js, Object... args) throws Exception {
    return call("POST", s("/execute/sync"), Map.of("script", js, "args", List.of(args)));
  }

  void screenshot(Path to) throws Exception {
    Files.createDirectories(to.toAbsolutePath().getParent());
    Files.write(to, Base64.getDecoder().decode(call("GET", s("/screenshot"), null).asText()));
  }

  /** The page printed to PDF (W3C "Print Page"), as bytes. */
  byte[] printToPdf() throws Exception {
    return Base64.getDecoder().decode(call("POST", s("/print"), Map.of("orientation", "portrait", "background", true))
        .asText());
  }

  /** Polls {@code read} until {@code ok}; fails after 90s naming {@code what} and the last value. */
  <T> T await(String what, Supplier<T> read, Predicate<T> ok) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    T last = null;
    while (System.nanoTime() < end) {
      last = read.get();
      if (ok.test(last)) return last;
      Thread.sleep(200);
    }
    throw new AssertionError("gave up waiting for " + what + "; last seen: " + last);
  }

  /** Like {@link #await} for reads that throw. */
  interface Read<T> {
    T get() throws Exception;
  }

  static <T> Supplier<T> unchecked(Read<T> r) {
    return () -> {
      try {
        return r.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  List<String> texts(String css) throws Exception {
    List<String> out = new ArrayList<>();
    script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", css)
        .forEach(n -> out.add(n.asText()));
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      if (session != null) call("DELETE", "/session/" + session, null);
    } catch (Exception e) {
      // the driver is stopped below either way
    } finally {
      driver.destroy();
      if (!driver.waitFor(10, TimeUnit.SECONDS)) driver.destroyForcibly().waitFor();
    }
  }
}
