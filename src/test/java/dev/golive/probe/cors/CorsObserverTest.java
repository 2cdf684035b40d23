package dev.golive.probe.cors;

import static dev.golive.probe.WireTesting.observe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKinds;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsObserverTest {
  private static final CorsProbeKind KIND = new CorsProbeKind();
  private static final String APP = "https://app.example.com";
  private static Vertx vertx;
  private static ProbeEnvironment env;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router r = Router.router(vertx);
    // correct: an allow-list with credentials
    r.route(HttpMethod.OPTIONS, "/good").handler(ctx -> {
      String origin = ctx.request().getHeader("Origin");
      var res = ctx.response().putHeader("Vary", "Origin");
      if (APP.equals(origin)) {
        res.putHeader("Access-Control-Allow-Origin", origin)
            .putHeader("Access-Control-Allow-Credentials", "true")
            .putHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
            .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
      }
      res.setStatusCode(204).end();
    });
    r.route(HttpMethod.OPTIONS, "/wildcard-credentials").handler(ctx -> ctx.response()
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Allow-Credentials", "true")
        .putHeader("Access-Control-Allow-Methods", "*")
        .setStatusCode(204).end());
    r.route(HttpMethod.OPTIONS, "/reflect").handler(ctx -> ctx.response()
        .putHeader("Access-Control-Allow-Origin", ctx.request().getHeader("Origin"))
        .putHeader("Access-Control-Allow-Credentials", "true")
        .putHeader("Access-Control-Allow-Methods", "GET, PUT")
        .setStatusCode(204).end());
    r.route(HttpMethod.OPTIONS, "/public").handler(ctx -> ctx.response()
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Allow-Methods", "*")
        .setStatusCode(204).end());
    port = WireTesting.serve(vertx, r);
    env = WireTesting.environment(vertx, Secrets.of(Map.of()));
  }

  @AfterAll
  static void stop() {
    env.close();
    vertx.close();
  }

  private static Observation check(String path, String extra) throws Exception {
    var parsed = WireTesting.parse(KIND, "cors: { url: \"http://127.0.0.1:" + port + path + "\", origin: \"" + APP
        + "\"" + extra + " }", Map.of());
    assertThat(parsed.problems()).isEmpty();
    return observe(vertx, KIND.observer(parsed.spec(), env, WireTesting.GENEROUS));
  }

  @Test
  void allowListAllowsTheAppAndNotTheForeignOrigin() throws Exception {
    Observation o = check("/good", ", method: PUT, request-headers: [Authorization]");
    assertThat(o.values()).containsEntry("PREFLIGHT_STATUS", 204).containsEntry("ALLOW_ORIGIN", APP)
        .containsEntry("ORIGIN_ALLOWED", true).containsEntry("ALLOW_CREDENTIALS", true)
        .containsEntry("METHOD_ALLOWED", true).containsEntry("HEADERS_ALLOWED", true)
        .containsEntry("VARY_ORIGIN", true).containsEntry("FOREIGN_ECHOED", false)
        .containsEntry("FOREIGN_ALLOWED", false).doesNotContainKey("FOREIGN_ALLOW_ORIGIN")
        .containsEntry("WILDCARD", false).containsEntry("WILDCARD_WITH_CREDENTIALS", false);
  }

  @Test
  void methodOrHeaderNotListedIsObserved() throws Exception {
    Observation o = check("/good", ", method: PATCH, request-headers: [X-Custom]");
    assertThat(o.values()).containsEntry("METHOD_ALLOWED", false).containsEntry("HEADERS_ALLOWED", false);
  }

  @Test
  void wildcardWithCredentialsIsCaught() throws Exception {
    Observation o = check("/wildcard-credentials", "");
    assertThat(o.values()).containsEntry("WILDCARD", true).containsEntry("WILDCARD_WITH_CREDENTIALS", true)
        .containsEntry("ORIGIN_ALLOWED", false).containsEntry("FOREIGN_ALLOWED", true)
        .containsEntry("FOREIGN_ECHOED", false);
  }

  @Test
  void reflectingAnyOriginIsCaught() throws Exception {
    Observation o = check("/reflect", ", foreign-origin: \"https://attacker.test\"");
    assertThat(o.values()).containsEntry("ORIGIN_ALLOWED", true).containsEntry("FOREIGN_ECHOED", true)
        .containsEntry("FOREIGN_ALLOW_ORIGIN", "https://attacker.test").containsEntry("WILDCARD", false);
  }

  @Test
  void publicWildcardWithoutCredentialsIsAllowedButNotEchoed() throws Exception {
    Observation o = check("/public", ", method: DELETE");
    assertThat(o.values()).containsEntry("ORIGIN_ALLOWED", true).containsEntry("METHOD_ALLOWED", true)
        .containsEntry("FOREIGN_ECHOED", false).containsEntry("FOREIGN_ALLOWED", true)
        .containsEntry("WILDCARD_WITH_CREDENTIALS", false);
  }

  @Test
  void parseChecksOriginsAndBuildsDefaultConditions() {
    assertThat(ProbeKinds.byName("cors")).containsInstanceOf(CorsProbeKind.class);
    var p = WireTesting.parse(KIND, "cors: { url: \"https://api.example.com/v1\", origin: \"https://app.example.com/\" }",
        Map.of());
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().origin()).isEqualTo(APP);
    assertThat(p.spec().foreignOrigin()).isEqualTo("https://evil.example");
    assertThat(p.spec().method()).isEqualTo("GET");
    assertThat(KIND.defaultConditions(p.spec())).containsExactly("[ORIGIN_ALLOWED] == true",
        "[METHOD_ALLOWED] == true", "[FOREIGN_ECHOED] == false", "[WILDCARD_WITH_CREDENTIALS] == false");
    var withHeaders = WireTesting.parse(KIND, "cors: { url: \"https://a.example/\", origin: \"https://b.example\", "
        + "request-headers: [Authorization] }", Map.of());
    assertThat(KIND.defaultConditions(withHeaders.spec())).contains("[HEADERS_ALLOWED] == true");

    assertThat(WireTesting.parse(KIND, "cors: { url: \"https://a.example/\" }", Map.of()).problems())
        .singleElement().asString().contains("missing required key 'cors.origin'");
    assertThat(WireTesting.parse(KIND, "cors: { url: \"https://a.example/\", origin: \"https://b.example/app\" }",
        Map.of()).problems()).singleElement().asString().contains("cors.origin: expected an origin");
    assertThat(WireTesting.parse(KIND, "cors: { url: \"https://a.example/\", origin: \"https://b.example\", "
        + "foreign-origin: \"https://b.example\" }", Map.of()).problems()).singleElement().asString()
        .contains("must differ from origin");
  }

  @Test
  void defaultConditionsPassTheAllowListAndFailReflection() throws Exception {
    var good = WireTesting.parse(KIND, "cors: { url: \"http://127.0.0.1:" + port + "/good\", origin: \"" + APP + "\" }",
        Map.of());
    var passed = WireTesting.runWithDefaults(vertx, KIND, good.spec(), env, WireTesting.GENEROUS);
    assertThat(passed.success()).as(passed.summary()).isTrue();
    var reflect = WireTesting.parse(KIND, "cors: { url: \"http://127.0.0.1:" + port + "/reflect\", origin: \"" + APP
        + "\" }", Map.of());
    var failed = WireTesting.runWithDefaults(vertx, KIND, reflect.spec(), env, WireTesting.GENEROUS);
    assertThat(failed.success()).isFalse();
    assertThat(failed.summary()).contains("[FOREIGN_ECHOED]", "true");
  }
}
