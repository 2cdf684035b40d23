package dev.golive.probe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

  @Test
  void readsNameLabelsValueAndTimestamp() {
    assertThat(Exposition.parseLine("http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000"))
        .isEqualTo(new Sample("http_requests_total", Map.of("method", "post", "code", "200"), 1027, 1395066363000L));
  }

  @Test
  void unescapesLabelValues() {
    Sample s = Exposition.parseLine(
        "msdos{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9");

    assertThat(s.labels()).containsEntry("path", "C:\\DIR\\FILE.TXT")
        .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
    assertThat(s.value()).isEqualTo(1.458255915e9);
  }

  @Test
  void readsSpecialValues() {
    assertThat(Exposition.parseLine("a +Inf").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Exposition.parseLine("a -Inf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Exposition.parseLine("a NaN").value()).isNaN();
    assertThat(Exposition.parseLine("a{} 1e-3").value()).isEqualTo(0.001);
    assertThat(Exposition.parseLine("something_weird{problem=\"x\"} +Inf -3982045").timestamp()).isEqualTo(-3982045L);
  }

  @Test
  void toleratesTrailingCommasSpacesExemplarsAndQuotedNames() {
    assertThat(Exposition.parseLine("  q{queue=\"a\",}   3  ").labels()).isEqualTo(Map.of("queue", "a"));
    assertThat(Exposition.parseLine("errors_total{kind=\"a\"} 5 # {trace_id=\"abc\"} 1.0 1395066363.000"))
        .isEqualTo(new Sample("errors_total", Map.of("kind", "a"), 5, null));
    assertThat(Exposition.parseLine("{\"service.latency\", zone=\"eu\"} 0.25"))
        .isEqualTo(new Sample("service.latency", Map.of("zone", "eu"), 0.25, null));
  }

  @Test
  void skipsCommentsBlanksAndBrokenLines() {
    assertThat(Exposition.parseLine("# TYPE a counter")).isNull();
    assertThat(Exposition.parseLine("")).isNull();
    assertThat(Exposition.parseLine("   ")).isNull();
    assertThat(Exposition.parseLine("this line is { broken")).isNull();
    assertThat(Exposition.parseLine("a{method=\"get\" 12")).isNull();
    assertThat(Exposition.parseLine("a{method=\"get\"} twelve")).isNull();
    assertThat(Exposition.parseLine("a")).isNull();
    assertThat(Exposition.parseLine("a 1 2 3")).isNull();
  }

  @Test
  void theFilterDoesNotConfuseMetricsSharingAPrefix() {
    assertThat(Exposition.mayBe("http_requests_total{a=\"b\"} 1", "http_requests_total")).isTrue();
    assertThat(Exposition.mayBe("http_requests_total 1", "http_requests_total")).isTrue();
    assertThat(Exposition.mayBe("http_requests_total_created 1", "http_requests_total")).isFalse();
    assertThat(Exposition.mayBe("http_requests 1", "http_requests_total")).isFalse();
  }
}
