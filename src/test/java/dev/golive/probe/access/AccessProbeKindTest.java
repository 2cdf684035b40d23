package dev.golive.probe.access;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessProbeKindTest {
  private static final String ADMIN_TOKEN = "adm-secret-123";
  private static final String TENANT_A_TOKEN = "tok-tenant-a-789";
  private static final String AGENT_PASSWORD = "agent-pass-456";
  private static final String AGENT_BASIC =
      Base64.getEncoder().encodeToString(("agent:" + AGENT_PASSWORD).getBytes(StandardCharsets.UTF_8));

  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static Secrets secrets;
  private static final AccessProbeKind KIND = new AccessProbeKind();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    secrets = Secrets.of(Map.of("ADMIN_TOKEN", ADMIN_TOKEN, "TENANT_A_TOKEN", TENANT_A_TOKEN));
    env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking"), secrets);
  }

  @AfterAll
  static void stop() {
    env.close();
    await(vertx.close());
  }

  /** A small API with roles and a GraphQL-ish endpoint; {@code broken} drops the auth checks and leaks rows. */
  private static int api(boolean broken) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.get("/api/admin/roles").handler(ctx -> {
      String auth = ctx.request().getHeader("Authorization");
      if (broken) {
        ctx.response().setStatusCode(200).end("[]");
      } else if (auth == null) {
        ctx.response().setStatusCode(401).end();
      } else if (auth.equals("Bearer " + ADMIN_TOKEN)) {
        ctx.response().setStatusCode(200).end("[]");
      } else {
        ctx.response().setStatusCode(403).end();
      }
    });
    router.get("/api/health").handler(ctx -> ctx.response().end("ok"));
    router.post("/graphql").handler(ctx -> {
      String auth = ctx.request().getHeader("Authorization");
      if (!("Bearer " + TENANT_A_TOKEN).equals(auth)) {
        ctx.response().setStatusCode(401).end();
        return;
      }
      assertThat(ctx.body().asJsonObject().getString("query")).contains("rows");
      JsonArray rows = new JsonArray()
          .add(new JsonObject().put("id", 1).put("tenant_id", "A"))
          .add(new JsonObject().put("id", 2).put("tenant_id", broken ? "B" : "A"));
      if (broken) {
        // a careless API that echoes the caller's credentials into the data: the leak must not reveal them
        rows.add(new JsonObject().put("id", 3).put("tenant_id", auth));
        rows.add(new JsonObject().put("id", 4));
      }
      ctx.json(new JsonObject().put("data", new JsonObject().put("rows", rows)));
    });
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    return server.actualPort();
  }

  private static String yaml(int port) {
    return """
        url: http://127.0.0.1:%d
        credentials:
          anonymous: none
          admin: { bearer: "${env:ADMIN_TOKEN}" }
          agent: { basic: { user: agent, password: %s } }
          tenant-a: { bearer: "${env:TENANT_A_TOKEN}" }
        routes:
          - request: GET /api/admin/roles
            expect: { anonymous: [401, 403], agent: [403], admin: [200] }
          - request: GET /api/health
            expect: { anonymous: 2xx }
        scope:
          - as: tenant-a
            request: POST /graphql
            body: '{"query":"{ rows { id tenant_id } }"}'
            rows: data.rows
            field: tenant_id
            equals: A
        """.formatted(port, AGENT_PASSWORD);
  }

  private static AccessSpec spec(String yaml) {
    Parsed<AccessSpec> parsed = Fixtures.parse(KIND, yaml, secrets);
    assertThat(parsed.messages()).isEmpty();
    return parsed.spec();
  }

  private static Observation observe(AccessSpec spec, Duration timeout) {
    return await(vertx, () -> KIND.observer(spec, env, timeout).observe());
  }

  @Test
  void registered() {
    assertThat(ProbeKinds.byName("access")).containsInstanceOf(AccessProbeKind.class);
  }

  @Test
  void correctApiHasNoViolationsAndNoLeaks() {
    Observation o = observe(spec(yaml(api(false))), Duration.ofSeconds(20));
    assertThat(o.get("VIOLATIONS")).contains(List.of());
    assertThat(o.get("VIOLATION_COUNT")).contains(0);
    assertThat(o.get("LEAKS")).contains(List.of());
    assertThat(o.get("LEAK_COUNT")).contains(0);
    assertThat(o.get("CHECKS")).contains(5);
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec(yaml(1))), o)).allMatch(r -> r.startsWith("PASSED"));
  }

  @Test
  void brokenApiNamesEachViolationAndEachLeakingRow() {
    Observation o = observe(spec(yaml(api(true))), Duration.ofSeconds(20));
    assertThat(o.get("VIOLATIONS").orElseThrow()).asList().containsExactlyInAnyOrder(
        "anonymous GET /api/admin/roles → 200, expected 401 or 403",
        "agent GET /api/admin/roles → 200, expected 403");
    assertThat(o.get("VIOLATION_COUNT")).contains(2);
    assertThat(o.get("LEAKS").orElseThrow()).asList().containsExactly(
        "tenant-a POST /graphql row 1: tenant_id = B, expected A",
        "tenant-a POST /graphql row 2: tenant_id = Bearer ****, expected A",
        "tenant-a POST /graphql row 3: tenant_id missing, expected A");
    assertThat(o.get("LEAK_COUNT")).contains(3);
    assertThat(Fixtures.evaluate(KIND.defaultConditions(spec(yaml(1))), o))
        .containsExactly("FAILED [VIOLATION_COUNT] (2) == 0", "FAILED [LEAK_COUNT] (3) == 0");
  }

  @Test
  void evidenceNeverContainsCredentials() {
    AccessSpec spec = spec(yaml(api(true)).replace("/api/health", "/api/echo"));
    ProbeResult result = await(vertx, () -> Probes.of("acl", "access", KIND.observer(spec, env, Duration.ofSeconds(20)),
        List.of(), Duration.ofSeconds(30), Duration.ofSeconds(20), env).run());
    String evidence = result.observed().toString() + result.conditions() + result.error();
    assertThat(evidence).contains("LEAK_COUNT=3").contains("****");
    assertThat(evidence).doesNotContain(ADMIN_TOKEN, TENANT_A_TOKEN, AGENT_PASSWORD, AGENT_BASIC);
  }

  @Test
  void unreachableApiIsAViolationPerCheckNotAnError() {
    AccessSpec spec = spec("""
        url: http://127.0.0.1:1
        credentials: { anonymous: none }
        routes:
          - { request: GET /api/admin/roles, expect: { anonymous: [401] } }
        """);
    Observation o = observe(spec, Duration.ofSeconds(20));
    assertThat(o.get("VIOLATIONS").orElseThrow()).asList().singleElement().asString()
        .startsWith("anonymous GET /api/admin/roles → no response (").endsWith("), expected 401");
  }

  @Test
  void slowRouteBecomesAViolationWithinTheTimeout() {
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> { /* never answers */ }).listen(0));
    AccessSpec spec = spec("""
        url: http://127.0.0.1:%d
        credentials: { anonymous: none }
        routes:
          - { request: GET /slow, expect: { anonymous: [401] } }
        """.formatted(server.actualPort()));
    // the observer answers (with a violation) instead of letting the probe's own timeout turn the run into an error
    Observation o = observe(spec, Duration.ofMillis(1500));
    assertThat(o.get("VIOLATIONS").orElseThrow()).asList().singleElement().asString()
        .startsWith("anonymous GET /slow → no response (").contains("within");
  }

  @Test
  void requestsRunWithBoundedConcurrency() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      vertx.setTimer(40, t -> {
        inFlight.decrementAndGet();
        req.response().setStatusCode(403).end();
      });
    }).listen(0));
    StringBuilder routes = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      routes.append("  - { request: GET /r").append(i).append(", expect: { anonymous: [403] } }\n");
    }
    AccessSpec spec = spec("""
        url: http://127.0.0.1:%d
        concurrency: 2
        credentials: { anonymous: none }
        routes:
        %s""".formatted(server.actualPort(), routes));
    Observation o = observe(spec, Duration.ofSeconds(20));
    assertThat(o.get("VIOLATION_COUNT")).contains(0);
    assertThat(o.get("CHECKS")).contains(8);
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void emptyScopeAnswerIsAViolationUnlessAllowed() {
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(req -> req.response().end("{\"data\":{\"rows\":[]}}")).listen(0));
    String yaml = """
        url: http://127.0.0.1:%d
        credentials: { tenant-a: { bearer: x-token } }
        scope:
          - { as: tenant-a, request: GET /rows, rows: data.rows, field: tenant_id, equals: A%s }
        """;
    Observation strict = observe(spec(yaml.formatted(server.actualPort(), "")), Duration.ofSeconds(20));
    assertThat(strict.get("VIOLATIONS").orElseThrow()).asList()
        .containsExactly("tenant-a GET /rows returned 0 rows, expected at least 1 (an empty answer proves nothing)");
    Observation lenient = observe(spec(yaml.formatted(server.actualPort(), ", min-rows: 0")), Duration.ofSeconds(20));
    assertThat(lenient.get("VIOLATION_COUNT")).contains(0);
    assertThat(lenient.get("LEAK_COUNT")).contains(0);
  }

  @Test
  void scopeWithErrorsInsteadOfRowsIsAViolation() {
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(req -> req.response().end("{\"errors\":[{\"message\":\"denied\"}],\"data\":null}")).listen(0));
    AccessSpec spec = spec("""
        url: http://127.0.0.1:%d
        credentials: { tenant-a: none }
        scope:
          - { as: tenant-a, request: POST /graphql, body: '{}', rows: data.rows, field: tenant_id, equals: A }
        """.formatted(server.actualPort()));
    assertThat(observe(spec, Duration.ofSeconds(20)).get("VIOLATIONS").orElseThrow()).asList()
        .containsExactly("tenant-a POST /graphql: data.rows is missing");
  }

  @Test
  void defaultConditionsAddTheLeakCountOnlyWithScopeChecks() {
    AccessSpec withScope = spec(yaml(1));
    assertThat(KIND.defaultConditions(withScope)).containsExactly("[VIOLATION_COUNT] == 0", "[LEAK_COUNT] == 0");
    AccessSpec routesOnly = spec("""
        url: http://127.0.0.1:1
        credentials: { anonymous: none }
        routes: [ { request: GET /x, expect: { anonymous: 401 } } ]
        """);
    assertThat(KIND.defaultConditions(routesOnly)).containsExactly("[VIOLATION_COUNT] == 0");
  }

  @Test
  void badRequestLineIsReportedWhereItStands() {
    Parsed<AccessSpec> parsed = Fixtures.parse(KIND, """
        url: http://127.0.0.1:1
        credentials: { anonymous: none }
        routes:
          - request: FETCH /x
            expect: { anonymous: [401] }
        """, secrets);
    assertThat(parsed.spec()).isNull();
    // the block is nested one level under "probe:" by the fixture, so file lines are one more than above
    assertThat(parsed.messages()).containsExactly(
        "golive.yaml:5:16: probe.routes[0].request: unknown method 'FETCH' in request line 'FETCH /x'"
            + " (expected \"METHOD /path\" with METHOD one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)");
  }

  @Test
  void unknownKeysCredentialsAndStatusesAreReported() {
    Parsed<AccessSpec> parsed = Fixtures.parse(KIND, """
        url: ftp://example.com
        credentials:
          anonymous: none
          admin: { bearer: abc, basic: { user: u, password: p } }
          agent: { token: abc }
          guest: nobody
        routes:
          - request: GET /x
            expect: { anonymus: [401], anonymous: [forbidden] }
            method: GET
        scope:
          - { as: tenant-b, request: GET /rows, rows: "data..rows", field: tenant_id }
        """, secrets);
    assertThat(parsed.spec()).isNull();
    assertThat(parsed.messages()).anyMatch(m -> m.contains("url: expected an absolute http:// or https:// URL"))
        .anyMatch(m -> m.contains("credentials.admin: give exactly one of bearer, basic or headers"))
        .anyMatch(m -> m.contains("unknown key 'token' in 'probe.credentials.agent'"))
        .anyMatch(m -> m.contains("credentials.guest: expected none, {bearer: TOKEN}"))
        .anyMatch(m -> m.contains("expect.anonymus: unknown credential 'anonymus'"))
        .anyMatch(m -> m.contains("expected an HTTP status such as 200 or 403, or a class such as 2xx, got 'forbidden'"))
        .anyMatch(m -> m.contains("unknown key 'method' in 'probe.routes[0]'"))
        .anyMatch(m -> m.contains("as: unknown credential 'tenant-b'"))
        .anyMatch(m -> m.contains("bad JSON path 'data..rows'"))
        .anyMatch(m -> m.contains("missing required key 'probe.scope[0].equals'"));
    assertThat(parsed.messages()).allMatch(m -> m.matches("golive\\.yaml:\\d+:\\d+: .*"));
  }

  @Test
  void needsRoutesOrScope() {
    Parsed<AccessSpec> parsed = Fixtures.parse(KIND, """
        url: http://127.0.0.1:1
        credentials: { anonymous: none }
        """, secrets);
    assertThat(parsed.messages()).singleElement().asString().contains("give at least one entry under routes or scope");
  }
}
