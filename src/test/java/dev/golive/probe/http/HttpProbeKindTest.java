package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.ConfigProblem;
import dev.golive.config.ConfigProblems;
import dev.golive.config.Secrets;
import dev.golive.probe.ProbeKinds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpProbeKindTest {
  private final HttpProbeKind kind = new HttpProbeKind();
  private final ConfigProblems problems = new ConfigProblems();

  private HttpSpec parse(String yaml) {
    return parse(yaml, Secrets.of(Map.of()));
  }

  private HttpSpec parse(String yaml, Secrets secrets) {
    return kind.parse(TestLoop.block(yaml, problems, secrets));
  }

  private List<String> problems() {
    return problems.sorted().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void isRegisteredUnderHttp() {
    assertThat(ProbeKinds.byName("http")).containsInstanceOf(HttpProbeKind.class);
  }

  @Test
  void readsAFullBlock() {
    HttpSpec spec = parse("""
        http:
          url: https://portal.example.id/api/health
          method: post
          headers: { X-Tenant: acme }
          body: '{"ping": true}'
          basic: { user: ops, password: "${env:PW}" }
          insecure: true
          follow-redirects: true
          expect-json: true
          connect-failure: observe
        """, Secrets.of(Map.of("PW", "hunter22")));

    assertThat(problems()).isEmpty();
    assertThat(spec.url().toString()).isEqualTo("https://portal.example.id/api/health");
    assertThat(spec.method()).isEqualTo("POST");
    assertThat(spec.headers()).containsExactly(Map.entry("X-Tenant", "acme"));
    assertThat(spec.body()).isEqualTo("{\"ping\": true}");
    assertThat(spec.basicUser()).isEqualTo("ops");
    assertThat(spec.basicPassword()).isEqualTo("hunter22");
    assertThat(spec.insecure()).isTrue();
    assertThat(spec.followRedirects()).isTrue();
    assertThat(spec.expectJson()).isTrue();
    assertThat(spec.observeConnectFailure()).isTrue();
  }

  @Test
  void defaultsAreGetVerifiedNoRedirectsAndStatusBelow400() {
    HttpSpec spec = parse("http: { url: \"http://127.0.0.1:8080/health\" }");

    assertThat(problems()).isEmpty();
    assertThat(spec.method()).isEqualTo("GET");
    assertThat(spec.insecure()).isFalse();
    assertThat(spec.followRedirects()).isFalse();
    assertThat(spec.observeConnectFailure()).isFalse();
    assertThat(kind.defaultConditions(spec)).containsExactly("[STATUS] < 400");
  }

  @Test
  void unknownKeyIsReportedWhereItStandsWithASuggestion() {
    HttpSpec spec = parse("""
        http:
          url: http://127.0.0.1/
          follow-redirect: true
        """);

    assertThat(spec).isNotNull();
    assertThat(problems()).singleElement().asString()
        .startsWith("golive.yaml:3:3: unknown key 'follow-redirect' in 'http', did you mean 'follow-redirects'?");
  }

  @Test
  void missingUrlIsReportedAtTheBlock() {
    assertThat(parse("http:\n  method: GET\n")).isNull();
    assertThat(problems()).containsExactly("golive.yaml:2:3: missing required key 'http.url'");
  }

  @Test
  void badUrlsAreReportedAtTheUrl() {
    assertThat(parse("http:\n  url: ftp://example.com/x\n")).isNull();
    assertThat(parse("other:\n  url: \"http://exa mple.com/\"\n")).isNull();
    assertThat(parse("third:\n  url: /health\n")).isNull();

    assertThat(problems()).containsExactly(
        "golive.yaml:2:8: http.url: expected an http:// or https:// URL, got 'ftp://example.com/x'",
        "golive.yaml:2:8: other.url: not a valid URL: Illegal character in authority at index 7: http://exa mple.com/",
        "golive.yaml:2:8: third.url: expected an http:// or https:// URL, got '/health'");
  }

  @Test
  void secretsInABadUrlAreNotShown() {
    parse("http:\n  url: \"ftp://host/?token=${env:TOKEN}\"\n", Secrets.of(Map.of("TOKEN", "abc123secret")));

    assertThat(problems()).singleElement().asString().doesNotContain("abc123secret").contains("token=****");
  }

  @Test
  void rejectsUnknownMethodsAndBothAuthentications() {
    parse("""
        http:
          url: http://127.0.0.1/
          method: FETCH
          basic: { user: a, password: b }
          bearer: t0k3n
        """);

    assertThat(problems()).containsExactly(
        "golive.yaml:3:11: http.method: expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got 'FETCH'",
        "golive.yaml:5:11: http.bearer: use either basic or bearer authentication, not both");
  }

  @Test
  void aScalarBlockIsReported() {
    assertThat(parse("http: https://example.com\n")).isNull();
    assertThat(problems()).singleElement().asString().contains("http: expected a mapping");
  }
}
