package dev.golive.probe.smoke;

import static dev.golive.probe.request.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.Probes;
import dev.golive.probe.request.Fixtures;
import dev.golive.probe.request.Fixtures.Parsed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmokeProbeKindTest {
  private static final SmokeProbeKind KIND = new SmokeProbeKind();
  private static final String PASSWORD = "pw-secret-321";
  private static Vertx vertx;
  private static Secrets secrets;
  private static ProbeEnvironment env;
  private static int port;
  private static final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private static final List<String> issued = new CopyOnWriteArrayList<>();
  private static final List<String> ended = new CopyOnWriteArrayList<>();
  private static final List<JsonObject> logins = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    secrets = Secrets.of(Map.of("P", PASSWORD));
    env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"), secrets);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post("/api/login").handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      logins.add(body);
      if (!PASSWORD.equals(body.getString("password"))) {
        ctx.response().setStatusCode(401).end("{\"error\":\"bad password " + body.getString("password") + "\"}");
        return;
      }
      String token = "tok-" + UUID.randomUUID();
      sessions.add(token);
      issued.add(token);
      ctx.json(new JsonObject().put("token", token).put("user", new JsonObject().put("id", 42)));
    });
    router.get("/api/me").handler(ctx -> {
      String token = session(ctx);
      if (token == null) return;
      // careless: echoes the session in a header and the body
      ctx.response().putHeader("X-Session", token);
      ctx.json(new JsonObject().put("name", "alice").put("session", token));
    });
    router.get("/api/users/:id").handler(ctx -> {
      if (session(ctx) != null) ctx.json(new JsonObject().put("id", ctx.pathParam("id")));
    });
    router.get("/api/orders").handler(ctx -> ctx.response().setStatusCode(500).end("boom"));
    router.get("/api/hang").handler(ctx -> { /* never answers */ });
    router.delete("/api/sessions/me").handler(ctx -> {
      String token = session(ctx);
      if (token == null) return;
      sessions.remove(token);
      ended.add(token);
      ctx.response().setStatusCode(204).end();
    });
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    port = server.actualPort();
  }

  private static String session(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    String token = auth == null ? null : auth.replaceFirst("^Bearer ", "");
    if (token == null || !sessions.contains(token)) {
      ctx.response().setStatusCode(401).end();
      return null;
    }
    return token;
  }

  @AfterAll
  static void stop() {
    env.close();
    await(vertx.close());
  }

  private static final String LOGIN = """
      - name: login
        request: POST /api/login
        json: { user: alice, password: "${env:P}", remember: true, tries: 3 }
        expect: [200]
        extract: { token: "[BODY].token", uid: "[BODY].user.id" }
    """;
  private static final String ME = """
      - name: me
        request: GET /api/me
        headers: { Authorization: "Bearer ${token}" }
        expect: 200
        extract: { echoed: "[HEADER].X-Session" }
    """;
  private static final String CLEANUP = """
      - name: cleanup
        request: DELETE /api/sessions/me
        headers: { Authorization: "Bearer ${token}" }
        expect: [204]
        always: true
    """;

  private static SmokeSpec spec(String steps) {
    Parsed<SmokeSpec> parsed = Fixtures.parse(KIND, "url: http://127.0.0.1:" + port + "/\nsteps:\n" + steps, secrets);
    assertThat(parsed.messages()).isEmpty();
    return parsed.spec();
  }

  private static Observation observe(SmokeSpec spec, Duration timeout) {
    return await(vertx, () -> KIND.observer(spec, env, timeout).observe());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> step(Observation o, String name) {
    return (Map<String, Object>) ((Map<String, Object>) o.get("STEPS").orElseThrow()).get(name);
  }

  @Test
  void registered() {
    assertThat(ProbeKinds.byName("smoke")).containsInstanceOf(SmokeProbeKind.class);
  }

  @Test
  void loginTokenProtectedCallAndCleanup() {
    Observation o = observe(spec(LOGIN + ME + """
          - name: user
            request: GET /api/users/${uid}
            headers: { Authorization: "Bearer ${token}" }
        """ + CLEANUP), Duration.ofSeconds(5));
    assertThat(o.get("STEPS_PASSED")).contains(4);
    assertThat(o.get("STEPS_FAILED")).contains(0);
    assertThat(o.get("STEPS_SKIPPED")).contains(0);
    assertThat(o.has("FAILED_STEP")).isFalse();
    assertThat(step(o, "login")).containsEntry("status", 200).containsEntry("result", "passed")
        .containsEntry("request", "POST /api/login");
    assertThat(step(o, "user")).containsEntry("request", "GET /api/users/${uid}").containsEntry("status", 200);
    assertThat(step(o, "cleanup")).containsEntry("status", 204);
    String token = issued.get(issued.size() - 1);
    assertThat(ended).contains(token);
    // YAML scalars become typed JSON; the secret reference was resolved
    assertThat(logins.get(logins.size() - 1)).isEqualTo(new JsonObject()
        .put("user", "alice").put("password", PASSWORD).put("remember", true).put("tries", 3));
  }

  @Test
  void aFailingMiddleStepStopsTheChainButCleanupStillRuns() {
    int before = ended.size();
    Observation o = observe(spec(LOGIN + """
          - name: orders
            request: GET /api/orders
            headers: { Authorization: "Bearer ${token}" }
        """ + ME + CLEANUP), Duration.ofSeconds(5));
    assertThat(o.get("STEPS_PASSED")).contains(2);
    assertThat(o.get("STEPS_FAILED")).contains(1);
    assertThat(o.get("STEPS_SKIPPED")).contains(1);
    assertThat(o.get("FAILED_STEP")).contains("orders");
    assertThat(step(o, "orders")).containsEntry("status", 500).containsEntry("result", "failed: expected 2xx or 3xx, got 500");
    assertThat(step(o, "me")).containsEntry("result", "skipped after orders failed");
    assertThat(step(o, "cleanup")).containsEntry("result", "passed");
    assertThat(ended).hasSize(before + 1).contains(issued.get(issued.size() - 1));
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec(CLEANUP.replace("${token}", "x"))), o))
        .containsExactly("FAILED [STEPS_FAILED] (1) == 0");
  }

  @Test
  void cleanupNeedingAMissingTokenIsSkipped() {
    SmokeSpec spec = spec(LOGIN.replace("${env:P}", "wrong-password") + ME + CLEANUP);
    Observation o = observe(spec, Duration.ofSeconds(5));
    assertThat(o.get("FAILED_STEP")).contains("login");
    assertThat(o.get("STEPS_FAILED")).contains(1);
    assertThat(o.get("STEPS_SKIPPED")).contains(2);
    assertThat(step(o, "login")).containsEntry("result", "failed: expected 200, got 401");
    assertThat(step(o, "cleanup")).containsEntry("result", "skipped: ${token} was not extracted");
  }

  @Test
  void aMissingExtractFailsTheStep() {
    Observation o = observe(spec(LOGIN.replace("[BODY].token", "[BODY].access_token") + CLEANUP),
        Duration.ofSeconds(5));
    assertThat(step(o, "login")).containsEntry("result",
        "failed: cannot extract token: [BODY].access_token not found");
  }

  @Test
  void aHangingStepLeavesTimeForCleanup() {
    observe(spec(LOGIN + CLEANUP), Duration.ofSeconds(20)); // warm up, so a slow first login does not eat the budget
    int before = ended.size();
    Observation o = observe(spec(LOGIN + """
          - name: hang
            request: GET /api/hang
        """ + CLEANUP), Duration.ofSeconds(6));
    // the hanging step gets 70% of the timeout, the cleanup runs in what is left, all before the probe's timeout
    assertThat((Duration) o.get("RESPONSE_TIME").orElseThrow()).isLessThan(Duration.ofSeconds(6));
    assertThat(o.get("FAILED_STEP")).contains("hang");
    assertThat((String) step(o, "hang").get("result")).startsWith("failed: no response (");
    assertThat(step(o, "cleanup")).containsEntry("result", "passed");
    assertThat(ended).hasSize(before + 1);
  }

  @Test
  void evidenceNeverContainsTheTokenOrThePassword() {
    SmokeSpec spec = spec(LOGIN + ME + """
          - name: leaky
            request: GET /api/users/${echoed}
            expect: 200
        """ + CLEANUP);
    ProbeResult result = await(vertx, () -> Probes.of("journey", "smoke", KIND.observer(spec, env,
        Duration.ofSeconds(5)), List.of(), Duration.ofSeconds(30), Duration.ofSeconds(5), env).run());
    String token = issued.get(issued.size() - 1);
    String evidence = result.toString();
    assertThat(evidence).contains("STEPS_FAILED=1").contains("FAILED_STEP=leaky");
    assertThat(evidence).doesNotContain(token, token.substring(4), PASSWORD);
    assertThat(secrets.redact("Bearer " + token)).isEqualTo("Bearer ****");
  }

  @Test
  void defaultCondition() {
    assertThat(KIND.defaultConditions(spec(CLEANUP.replace("${token}", "x")))).containsExactly("[STEPS_FAILED] == 0");
  }

  @Test
  void badRequestLineIsReportedWithItsLocation() {
    Parsed<SmokeSpec> parsed = Fixtures.parse(KIND, """
        url: http://127.0.0.1:1
        steps:
          - { name: a, request: FETCH /x }
        """, secrets);
    assertThat(parsed.spec()).isNull();
    assertThat(parsed.messages()).singleElement().asString().startsWith(
        "golive.yaml:4:27: probe.steps[0].request: unknown method 'FETCH' in request line 'FETCH /x'");
  }

  @Test
  void configProblemsAreReported() {
    Parsed<SmokeSpec> parsed = Fixtures.parse(KIND, """
        url: http://127.0.0.1:1
        steps:
          - name: a
            request: GET /me
            headers: { Authorization: "Bearer ${token}" }
            extract: { token: "[BODY]token", "bad name": "[STATUS]" }
            json: { a: 1 }
            body: "{}"
            retry: 3
          - { name: a, request: GET /x, extract: { h: "[HEADER]" }, expect: [ok] }
          - { name: c, request: "GET /api/${nope}" }
        """, secrets);
    assertThat(parsed.spec()).isNull();
    assertThat(parsed.messages())
        .anyMatch(m -> m.contains("unknown key 'retry' in 'probe.steps[0]'"))
        .anyMatch(m -> m.contains("probe.steps[0]: ${token} is not extracted by an earlier step"))
        .anyMatch(m -> m.contains("expected [BODY], [BODY].path.to.value, [HEADER].Name or [STATUS], got '[BODY]token'"))
        .anyMatch(m -> m.contains("variable name must be letters, digits, '_' or '-', got 'bad name'"))
        .anyMatch(m -> m.contains("probe.steps[0]: give either json or body, not both"))
        .anyMatch(m -> m.contains("step name 'a' is used twice"))
        .anyMatch(m -> m.contains("got '[HEADER]'"))
        .anyMatch(m -> m.contains("expected an HTTP status such as 200 or 403, or a class such as 2xx, got 'ok'"))
        .anyMatch(m -> m.contains("probe.steps[2]: ${nope} is not extracted by an earlier step"));
    assertThat(parsed.messages()).allMatch(m -> m.matches("golive\\.yaml:\\d+:\\d+: .*"));
  }
}
