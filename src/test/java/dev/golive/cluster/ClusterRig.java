package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.golive.cli.GoliveProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Everything a cluster test needs around real {@code golive run} processes: a PostgreSQL database of its own, a
 * loopback target whose health each plan's probe reads (switchable per plan), a loopback webhook receiver that keeps
 * every alert it gets, and plan directories. Replicas are started from target/golive.jar.
 */
final class ClusterRig implements AutoCloseable {
  static final String TOKEN = "cluster-it-api-token";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final String adminUrl;
  final String user;
  final String password;
  final String database;
  final String storeUrl;
  final Map<String, Integer> health = new ConcurrentHashMap<>();
  final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
  final List<GoliveProcess> replicas = new ArrayList<>();
  final List<Path> planDirs = new ArrayList<>();
  private final HttpServer target;
  private final HttpServer receiver;

  /** @param adminUrl a JDBC URL of the server's {@code postgres} database, to create and drop ours */
  ClusterRig(Path dir, String adminUrl, String user, String password) throws Exception {
    this.dir = dir;
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.database = "golive_cluster_it_" + Long.toHexString(System.nanoTime()) + (int) (Math.random() * 1000);
    admin("create database " + database);
    this.storeUrl = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/health/", ex -> {
      String plan = ex.getRequestURI().getPath().substring("/health/".length());
      byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(health.getOrDefault(plan, 200), body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    target.start();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      alerts.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
  }

  static ClusterRig onSharedServer(Path dir) throws Exception {
    String url = System.getenv("GOLIVE_TEST_PG_URL");
    assertThat(url).as("GOLIVE_TEST_PG_URL must name a PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres")
        .isNotBlank();
    return new ClusterRig(dir, url, System.getenv("GOLIVE_TEST_PG_USER"), System.getenv("GOLIVE_TEST_PG_PASSWORD"));
  }

  /** Writes plan {@code name}: one probed item, one manual item, a 30-minute window, a trigger, the webhook. */
  Path plan(String name) throws IOException {
    Path p = Files.createDirectories(dir.resolve("plans").resolve(name));
    Files.writeString(p.resolve("checklist.md"), """
        # %s
        - [ ] GO-001 Health check returns 200
        - [ ] GO-002 On-call rota confirmed
        """.formatted(name));
    Files.writeString(p.resolve("golive.yaml"), """
        service: %s
        defaults: { interval: 1s, timeout: 1s }
        probes:
          - { id: health, http: { url: "http://127.0.0.1:%d/health/%s" }, conditions: ["[STATUS] == 200"],
              ticks: [GO-001] }
        windows:
          - { name: first-30m, until: 30m }
        triggers:
          - { id: health-down, probe: health, fire-when: "[STATUS] != 200", for: 2 }
        notify:
          - webhook: { url: "http://127.0.0.1:%d/hook", secret: "cluster-it-hmac-secret" }
        """.formatted(name, target.getAddress().getPort(), name, receiver.getAddress().getPort()));
    planDirs.add(p);
    return p;
  }

  /** Starts one more replica on the store and waits until it is ready. */
  GoliveProcess startReplica() throws Exception {
    int port = GoliveProcess.freePort();
    List<String> args = new ArrayList<>(List.of("run", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--data", dir.resolve("data-" + replicas.size()).toString(), "--store-url", storeUrl, "--store-user", user));
    planDirs.forEach(p -> args.add(p.toString()));
    GoliveProcess p = GoliveProcess.start(dir, Map.of("GOLIVE_API_TOKEN", TOKEN, "GOLIVE_STORE_PASSWORD", password),
        port, args.toArray(String[]::new));
    replicas.add(p);
    awaitStatus(p, "/readyz", 200);
    return p;
  }

  /** The FIRING alerts the receiver got for a plan. */
  List<JsonNode> firing(String plan) {
    return alerts.stream().filter(a -> a.path("status").asText().equals("firing") && a.path("plan").asText()
        .equals(plan)).toList();
  }

  JsonNode cluster(GoliveProcess p) throws Exception {
    return JSON.readTree(p.get("/api/cluster").body());
  }

  /** The replica id owning a plan as {@code p} sees it, or null. */
  String owner(GoliveProcess p, String plan) throws Exception {
    for (JsonNode o : cluster(p).path("plans")) {
      if (o.path("plan").asText().equals(plan) && o.path("valid").asBoolean()) return o.path("owner").asText();
    }
    return null;
  }

  /** Polls until {@code check} holds (bounded); returns how long it took. */
  static Duration await(String what, Duration limit, Check check) throws Exception {
    long start = System.nanoTime();
    long end = start + limit.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      try {
        if (check.ok()) return Duration.ofNanos(System.nanoTime() - start);
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("gave up after " + limit + " waiting for " + what
        + (last == null ? "" : " (last error: " + last + ")"));
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void awaitStatus(GoliveProcess p, String path, int status) throws Exception {
    await(path + " answers " + status, GoliveProcess.DEADLINE, () -> p.get(path).statusCode() == status);
  }

  static String awaitBody(GoliveProcess p, String path, Predicate<String> until) throws Exception {
    return p.await(path, until);
  }

  long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(storeUrl, user, password); Statement s = c.createStatement();
         ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  String text(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(storeUrl, user, password); Statement s = c.createStatement();
         ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws Exception {
    for (GoliveProcess p : replicas) {
      try {
        p.signal("CONT");
      } catch (Exception | AssertionError e) {
        // already gone
      }
      p.close();
    }
    target.stop(0);
    receiver.stop(0);
    admin("drop database if exists " + database + " with (force)");
  }
}
