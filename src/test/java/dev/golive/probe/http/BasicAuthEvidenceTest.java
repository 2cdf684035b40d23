package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Condition;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeResult;
import dev.golive.probe.Probes;
import dev.golive.probe.WireTesting;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Basic-auth credentials are masked in evidence like bearer tokens: a target that echoes the request's headers (in its
 * body and in a response header) puts {@code Basic base64(user:password)} in what golive observed.
 */
class BasicAuthEvidenceTest {
  private static final String USER = "ops-probe";
  private static final String PASSWORD = "Tr0ub4dor&3-basic";
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router r = Router.router(vertx);
    r.route("/echo").handler(ctx -> {
      String auth = String.valueOf(ctx.request().getHeader("Authorization"));
      JsonObject headers = new JsonObject();
      ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      String decoded = auth.startsWith("Basic ")
          ? new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8) : "";
      ctx.response().putHeader("Content-Type", "application/json").putHeader("X-Echo-Authorization", auth)
          .end(new JsonObject().put("authorization", auth).put("headers", headers).put("decoded", decoded)
              .put("password", decoded.contains(":") ? decoded.substring(decoded.indexOf(':') + 1) : "").encode());
    });
    port = WireTesting.serve(vertx, r);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void echoedBasicCredentialsFromTheEnvironmentAreMasked() throws Exception {
    assertMasked("""
        http: { url: "http://127.0.0.1:%d/echo", basic: { user: "%s", password: "${env:PROBE_PASSWORD}" } }
        """.formatted(port, USER));
  }

  @Test
  void echoedBasicCredentialsWrittenLiterallyAreMaskedToo() throws Exception {
    assertMasked("""
        http: { url: "http://127.0.0.1:%d/echo", basic: { user: "%s", password: "%s" } }
        """.formatted(port, USER, PASSWORD));
  }

  private static void assertMasked(String yaml) throws Exception {
    Secrets secrets = Secrets.of(Map.of("PROBE_PASSWORD", PASSWORD));
    HttpProbeKind kind = new HttpProbeKind();
    var parsed = WireTesting.parse(kind, yaml, secrets);
    assertThat(parsed.problems()).isEmpty();
    try (ProbeEnvironment env = WireTesting.environment(vertx, secrets)) {
      // conditions that fail and show the echoed values in their explanations
      List<Condition> conditions = List.of(Condition.parse("[BODY].authorization == none"),
          Condition.parse("[HEADER].X-Echo-Authorization == none"), Condition.parse("[BODY].password == none"),
          Condition.parse("[BODY].decoded == none"));
      ProbeResult r = WireTesting.run(vertx, Probes.of("echo", "http", kind.observer(parsed.spec(), env,
          WireTesting.GENEROUS), conditions, Duration.ofHours(1), WireTesting.GENEROUS, env));
      String encoded = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      String evidence = r.toString();
      assertThat(r.error()).isNull();
      assertThat(r.conditions()).hasSize(4).noneMatch(c -> c.passed());
      // the target really echoed the header: the masked form is there, the secret forms are not
      assertThat(evidence).contains("Basic ****").doesNotContain(encoded, PASSWORD, USER + ":" + PASSWORD);
      assertThat(r.conditions().get(0).explanation()).contains("Basic ****");
      assertThat(r.conditions().get(1).explanation()).contains("Basic ****");
    }
  }
}
