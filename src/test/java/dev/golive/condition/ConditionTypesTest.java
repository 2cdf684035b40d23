package dev.golive.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeKind;
import dev.golive.probe.ProbeKinds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTypesTest {
  private static final Placeholders TYPES = Placeholders.of(
      "RATIO:ratio PCT:percent COUNT:count STATUS:status CERT_EXPIRY:time-left RESPONSE_TIME:duration "
          + "SIZE:size VALUE:number OK:bool WHEN:timestamp BODY:json");

  private static List<ConditionProblem> check(String text) throws Exception {
    return Condition.parse(text).check(TYPES, "probe 'p'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      [RATIO] > 200%      | this can never be true: [RATIO] of probe 'p' is a ratio (0-1)
      [RATIO] > 5         | this can never be true: [RATIO] of probe 'p' is a ratio (0-1): to mean 5%, write 5% or 0.05
      [RATIO] >= 0        | this can never be false: [RATIO] of probe 'p' is a ratio (0-1)
      [RATIO] < five      | 'five' is not a number; [RATIO] of probe 'p' is a ratio (0-1): write 0.05 or 5%
      [PCT] > 101%        | this can never be true: [PCT] of probe 'p' is a percentage (0-100)
      [COUNT] == 2.5      | this can never be true: [COUNT] of probe 'p' is a count (a whole number, 0 or more) and 2.5 is not a whole number
      [COUNT] != -1       | this can never be false: [COUNT] of probe 'p' is a count (a whole number, 0 or more)
      0 > [COUNT]         | this can never be true: [COUNT] of probe 'p' is a count (a whole number, 0 or more)
      [STATUS] >= 100     | this can never be false: [STATUS] of probe 'p' is an HTTP status (100-599)
      [SIZE] > 5%         | '5%' is a percentage; [SIZE] of probe 'p' is a size in bytes: write a number of bytes or a size such as 512KiB, 10MB
      [OK] == 1           | '1' is not true/false; [OK] of probe 'p' is true/false: write true or false
      [OK] == [VALUE]     | cannot compare [OK] of probe 'p' (true/false) with [VALUE] of probe 'p' (a number)
      [WHEN] > 30d        | '30d' is not a date or time; [WHEN] of probe 'p' is a timestamp: write an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z (for time left, compare a duration placeholder such as [CERT_EXPIRY] or [AGE])
      [BODY].rate >= 5 ms | '5 ms' is not a number; [BODY].rate is JSON (any value): write 5ms (no space)
      [BODY].n > 3rd-ish  | '3rd-ish' is not a number; [BODY].n compared with > needs a number, a duration or an ISO date (quote text that starts with a digit: "3rd-ish")
      """)
  void errors(String condition, String message) throws Exception {
    assertThat(check(condition)).singleElement().satisfies(p -> {
      assertThat(p.warning()).isFalse();
      assertThat(p.message()).isEqualTo(message);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      [RATIO] > 5%
      [RATIO] < 0.05
      [PCT] > 5%
      [PCT] <= 99.9
      [STATUS] == any(200, 204, pat(3*))
      [CERT_EXPIRY] > 30d
      [CERT_EXPIRY] > -1d
      [RESPONSE_TIME] < 500ms
      [SIZE] < 2MiB
      [VALUE] < 250ms
      [VALUE] > [BASELINE] * 1.5
      [WHEN] >= 2026-01-31
      [BODY].date >= 2024-01-01
      [BODY].status == UP
      len([BODY].errors) == 0
      has([BODY].id) == true
      """)
  void fits(String condition) throws Exception {
    assertThat(check(condition)).isEmpty();
  }

  @Test
  void aPercentLiteralAgainstAPercentValueComparesInPercent() throws Exception {
    Condition c = Condition.parse("[PCT] > 5%").typed(TYPES);
    ConditionResult r = c.evaluate(Observation.builder().put("PCT", 5.4).build());
    assertThat(r.passed()).isTrue();
    assertThat(r.explanation()).isEqualTo("[PCT] (5.4%) > 5%");
    assertThat(c.evaluate(Observation.builder().put("PCT", 4.9).build()).passed()).isFalse();
  }

  @Test
  void aPercentLiteralAgainstARatioComparesAsMeantAndShowsPercents() throws Exception {
    Condition c = Condition.parse("[RATIO] > 5%").typed(TYPES);
    ConditionResult r = c.evaluate(Observation.builder().put("RATIO", 0.0536).build());
    assertThat(r.passed()).isTrue();
    assertThat(r.explanation()).isEqualTo("[RATIO] (5.36%) > 5%");
    assertThat(c.negated().evaluate(Observation.builder().put("RATIO", 0.02).build()).explanation())
        .isEqualTo("[RATIO] (2%) <= 5%");
    assertThat(c.show("RATIO", 0.17858720662963543)).isEqualTo("17.9%");
  }

  @Test
  void valuesAreShownInTheirUnit() throws Exception {
    Observation o = Observation.builder().put("CERT_EXPIRY", Duration.ofHours(-49))
        .put("RESPONSE_TIME", Duration.ofMillis(1234)).put("VALUE", 1.2).put("SIZE", 1536)
        .put("BODY", "{\"ratio\": 0.17858720662963543}").build();
    assertThat(Condition.parse("[CERT_EXPIRY] > 30d").typed(TYPES).evaluate(o).explanation())
        .isEqualTo("[CERT_EXPIRY] (expired 2 days ago) > 30d");
    assertThat(Condition.parse("[RESPONSE_TIME] < 500ms").typed(TYPES).evaluate(o).explanation())
        .isEqualTo("[RESPONSE_TIME] (1.23s) < 500ms");
    assertThat(Condition.parse("[VALUE] < 500ms").typed(TYPES).evaluate(o).explanation())
        .isEqualTo("[VALUE] (1.2s) < 500ms");
    assertThat(Condition.parse("[SIZE] > 2KiB").typed(TYPES).evaluate(o).explanation())
        .isEqualTo("[SIZE] (1.5 KiB) > 2KiB");
    assertThat(Condition.parse("[BODY].ratio < 0.05").typed(TYPES).evaluate(o).explanation())
        .isEqualTo("[BODY].ratio (0.179) < 0.05");
  }

  @Test
  void aValueNextToItsThresholdGetsTheDigitsThatTellThemApart() throws Exception {
    assertThat(Condition.parse("[RATIO] > 5%").typed(TYPES).evaluate(Observation.builder().put("RATIO", 0.0500001)
        .build()).explanation()).isEqualTo("[RATIO] (5.00001%) > 5%");
    assertThat(Condition.parse("[VALUE] < 200").typed(TYPES).evaluate(Observation.builder().put("VALUE", 199.9996)
        .build()).explanation()).isEqualTo("[VALUE] (199.9996) < 200");
    assertThat(Condition.parse("[VALUE] < 200").typed(TYPES).evaluate(Observation.builder().put("VALUE", 150.123456)
        .build()).explanation()).isEqualTo("[VALUE] (150) < 200");
  }

  @Test
  void everyPlaceholderOfEveryKindHasADeclaredType() {
    for (String name : ProbeKinds.names()) {
      ProbeKind<?> kind = ProbeKinds.byName(name).orElseThrow();
      assertThat(kind.placeholders()).as(name + " declares its placeholders with Placeholders.of(\"NAME:type ...\")")
          .isInstanceOf(Placeholders.class);
      Map<String, ValueType> types = kind.placeholderTypes().types();
      assertThat(types.keySet()).as(name).containsExactlyInAnyOrderElementsOf(kind.placeholders());
    }
  }
}
