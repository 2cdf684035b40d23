package dev.golive.probe.promql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.golive.condition.Observation;
import dev.golive.probe.DataProbeFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromqlProbeKindTest {
  private static final PromqlProbeKind KIND = new PromqlProbeKind();
  private static final Duration BOUND = Duration.ofSeconds(15);
  private static final String QUERY = "sum(rate(http_errors_total[5m])) / sum(rate(http_requests_total[5m]))";
  private static DataProbeFixture fx;
  private static WireMockServer prometheus;

  @BeforeAll
  static void start() {
    fx = new DataProbeFixture(Map.of("PROM_PASSWORD", "prom-secret", "PROM_TOKEN", "tok-secret"));
    prometheus = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    prometheus.start();
  }

  @AfterAll
  static void stop() {
    prometheus.stop();
    fx.close();
  }

  @BeforeEach
  void reset() {
    prometheus.resetAll();
  }

  private static PromqlSpec spec(String extra) {
    DataProbeFixture.Parsed<PromqlSpec> p = DataProbeFixture.parse(KIND, "url: http://127.0.0.1:" + prometheus.port()
        + "/\nquery: \"" + QUERY + "\"\n" + extra, Map.of("PROM_PASSWORD", "prom-secret", "PROM_TOKEN", "tok-secret"));
    assertThat(p.problems()).isEmpty();
    return p.spec();
  }

  private static void answer(String data) {
    prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(QUERY))
        .willReturn(okJson("{\"status\":\"success\",\"data\":" + data + "}")));
  }

  private static DataProbeFixture.Outcome observe(PromqlSpec spec) throws InterruptedException {
    return fx.observe(new PromqlObserver(spec, fx.env, Duration.ofSeconds(5)), BOUND);
  }

  @Test
  void singleSeriesGivesItsValueAndLabels() throws Exception {
    answer("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},\"value\":[1714000000.1,\"0.0125\"]}]}");
    Observation o = observe(spec("")).observation();
    assertThat(o.get("VALUE")).contains(0.0125);
    assertThat(o.get("SERIES")).contains(1);
    assertThat(o.get("LABELS")).contains(Map.of("job", "api"));
    prometheus.verify(getRequestedFor(urlPathEqualTo("/api/v1/query")).withQueryParam("timeout", equalTo("4750ms")));
  }

  @Test
  void severalSeriesGiveTheMaxAndEverySeriesInResult() throws Exception {
    answer("{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"pod\":\"a\"},\"value\":[1,\"0.01\"]},"
        + "{\"metric\":{\"pod\":\"b\"},\"value\":[1,\"0.07\"]},"
        + "{\"metric\":{\"pod\":\"c\"},\"value\":[1,\"NaN\"]},"
        + "{\"metric\":{\"pod\":\"d\"},\"value\":[1,\"0.02\"]}]}");
    Observation o = observe(spec("")).observation();
    assertThat(o.get("VALUE")).contains(0.07);
    assertThat(o.get("LABELS")).contains(Map.of("pod", "b"));
    assertThat(o.get("SERIES")).contains(3);
    assertThat(o.get("RESULT")).contains(List.of(Map.of("labels", Map.of("pod", "a"), "value", 0.01),
        Map.of("labels", Map.of("pod", "b"), "value", 0.07), Map.of("labels", Map.of("pod", "d"), "value", 0.02)));
  }

  @Test
  void scalarResult() throws Exception {
    answer("{\"resultType\":\"scalar\",\"result\":[1714000000,\"+Inf\"]}");
    assertThat(observe(spec("")).observation().get("VALUE")).contains(Double.POSITIVE_INFINITY);
  }

  @Test
  void noDataPolicies() throws Exception {
    answer("{\"resultType\":\"vector\",\"result\":[]}");
    assertThat(observe(spec("")).errorMessage()).isEqualTo("query returned no data");

    Observation inconclusive = observe(spec("no-data: inconclusive")).observation();
    assertThat(inconclusive.has("VALUE")).isFalse();
    assertThat(inconclusive.get("SERIES")).contains(0);

    for (String zero : List.of("zero", "ignore")) {
      Observation o = observe(spec("no-data: " + zero)).observation();
      assertThat(o.get("VALUE")).contains(0.0);
      assertThat(o.get("SERIES")).contains(0);
    }
  }

  @Test
  void onlyNaNIsNoData() throws Exception {
    answer("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}]}");
    assertThat(observe(spec("")).errorMessage()).isEqualTo("query returned no data");
  }

  @Test
  void prometheusErrorsAndNonPrometheusAnswersFailClearly() throws Exception {
    prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected\"}")));
    assertThat(observe(spec("")).errorMessage())
        .isEqualTo("Prometheus rejected the query (HTTP 400, bad_data): 1:5: parse error: unexpected");

    prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(502)
        .withBody("<html>Bad Gateway</html>")));
    assertThat(observe(spec("")).errorMessage()).startsWith("HTTP 502 from http://127.0.0.1:")
        .endsWith("is not a Prometheus API answer: <html>Bad Gateway</html>");

    answer("{\"resultType\":\"matrix\",\"result\":[]}");
    assertThat(observe(spec("")).errorMessage()).contains("range vector");
  }

  @Test
  void sendsBasicOrBearerCredentialsAndHeaders() throws Exception {
    answer("{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}");
    observe(spec("basic: { user: golive, password: \"${env:PROM_PASSWORD}\" }\nheaders: { X-Scope-OrgID: team-a }"))
        .observation();
    prometheus.verify(getRequestedFor(urlPathEqualTo("/api/v1/query"))
        .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("golive", "prom-secret"))
        .withHeader("X-Scope-OrgID", equalTo("team-a")));

    observe(spec("bearer: \"${env:PROM_TOKEN}\"")).observation();
    prometheus.verify(getRequestedFor(urlPathEqualTo("/api/v1/query"))
        .withHeader("Authorization", equalTo("Bearer tok-secret")));
    assertThat(fx.secrets.redact("prom-secret tok-secret")).isEqualTo("**** ****");
    prometheus.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/query"))
        .withHeader("Authorization", matching(".*prom-secret.*")));
  }

  @Test
  void defaultConditionAndConfigProblems() {
    assertThat(KIND.defaultConditions(spec(""))).containsExactly("[SERIES] > 0");
    assertThat(DataProbeFixture.parse(KIND, "url: prometheus:9090\nquery: up").problems()).singleElement()
        .asString().contains("expected the Prometheus base URL");
    assertThat(DataProbeFixture.parse(KIND, "url: http://p:9090\nquery: up\nno-data: skip").problems())
        .singleElement().asString().contains("expected one of fail, inconclusive, zero, ignore");
    assertThat(DataProbeFixture.parse(KIND, "url: http://p:9090\nquery: up\nbearer: t\nbasic: { user: u, password: p }")
        .problems()).singleElement().asString().contains("either basic or bearer");
    assertThat(DataProbeFixture.parse(KIND, "url: http://p:9090").problems()).singleElement().asString()
        .contains("missing required key 'promql.query'");
  }
}
