package dev.golive.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on the shared PostgreSQL store (GOLIVE_TEST_PG_URL, _USER, _PASSWORD, as started by {@code .ci/run}), in
 * a schema of its own: every migration applies, and ticks, manual ticks, a deployment, a firing trigger and its
 * delivered alert survive a restart of the daemon on the same database, without a second page.
 */
class PostgresStoreIT {
  private static final String TOKEN = "pg-store-api-token";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private final AtomicInteger status = new AtomicInteger(200);
  private String url;
  private String user;
  private String password;
  private String schema;
  private HttpServer target;
  private WireMockServer receiver;
  private Daemon daemon;

  @BeforeEach
  void start() throws Exception {
    url = System.getenv("GOLIVE_TEST_PG_URL");
    user = System.getenv("GOLIVE_TEST_PG_USER");
    password = System.getenv("GOLIVE_TEST_PG_PASSWORD");
    assertThat(url).as("GOLIVE_TEST_PG_URL must name a PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres")
        .isNotBlank();
    schema = "golive_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sql("create schema " + schema);
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/health", ex -> {
      byte[] body = "{\"status\":\"ok\"}".getBytes();
      ex.sendResponseHeaders(status.get(), body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    target.start();
    receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    Path plan = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(plan.resolve("checklist.md"), """
        # Shop
        - [ ] GO-001 Health check returns 200
        - [ ] GO-002 On-call rota confirmed
        """);
    Files.writeString(plan.resolve("golive.yaml"), """
        service: shop
        defaults: { interval: 1s, timeout: 1s }
        probes:
          - { id: health, http: { url: "http://127.0.0.1:%d/health" }, conditions: ["[STATUS] == 200"],
              ticks: [GO-001] }
        windows:
          - { name: first-30m, until: 30m }
        triggers:
          - { id: health-down, probe: health, fire-when: "[STATUS] != 200", for: 2 }
        notify:
          - webhook: { url: "http://127.0.0.1:%d/hook", secret: "pg-store-hmac-secret" }
        """.formatted(target.getAddress().getPort(), receiver.port()));
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) daemon.close();
    if (target != null) target.stop(0);
    if (receiver != null) receiver.stop();
    if (schema != null) sql("drop schema " + schema + " cascade");
  }

  @Test
  void everythingStoredOnPostgresqlSurvivesARestartAndPagesOnce() throws Exception {
    daemon = start(dir.resolve("shop"));
    await("/api/plans/shop/items/GO-001", b -> b.contains("\"state\":\"done\""));
    assertThat(write("/api/plans/shop/items/GO-002/tick", "{\"by\":\"alice\",\"note\":\"rota signed\"}"))
        .isEqualTo(200);
    assertThat(write("/api/plans/shop/deployments", "{\"version\":\"2.0.0\"}")).isEqualTo(201);
    String deployment = await("/api/plans/shop/deployments/current", b -> b.contains("\"version\":\"2.0.0\""));

    status.set(503);
    await("/api/plans/shop/deployments/current", b -> b.contains("\"state\":\"firing\""));
    awaitPages(1);

    daemon.close();
    daemon = start(dir.resolve("shop"));
    assertThat(get("/api/plans/shop/items/GO-002")).contains("\"state\":\"done\"").contains("alice")
        .contains("rota signed");
    String resumed = await("/api/plans/shop/deployments/current", b -> b.contains("\"state\":\"firing\""));
    assertThat(id(resumed)).isEqualTo(id(deployment));
    // still breaching after the restart: three new results evaluate the firing trigger, and nobody is paged again
    for (int i = 0; i < 3; i++) {
      String before = lastRun();
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (lastRun().equals(before) && System.nanoTime() < end) Thread.sleep(100);
      assertThat(lastRun()).as("a new result of the health probe").isNotEqualTo(before);
    }
    assertThat(get("/api/plans/shop/deployments/current")).contains("\"state\":\"firing\"");
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    assertThat(get("/api/plans/shop/items/GO-001")).doesNotContain("pg-store-hmac-secret");
  }

  private Daemon start(Path plan) throws Exception {
    List<PlanConfig> plans = List.of(PlanLoader.load(plan, Secrets.of(Map.of())));
    String store = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return Daemon.start(plans, new DaemonOptions("127.0.0.1", 0, dir.resolve("data"), store, user, password, TOKEN),
        Secrets.of(Map.of()));
  }

  /** When the health probe's latest result started ("" before its first result). */
  private String lastRun() throws Exception {
    return JSON.readTree(get("/api/plans/shop/probes")).path(0).path("last").path("startedAt").asText();
  }

  private void awaitPages(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() < n && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(n);
  }

  private String await(String path, Predicate<String> until) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      last = get(path);
      if (until.test(last)) return last;
      Thread.sleep(100);
    }
    throw new AssertionError("gave up waiting on " + path + "; last answer: " + last);
  }

  private String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private int write(String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String id(String deploymentJson) {
    int i = deploymentJson.indexOf("\"id\":\"") + 6;
    return deploymentJson.substring(i, deploymentJson.indexOf('"', i));
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
