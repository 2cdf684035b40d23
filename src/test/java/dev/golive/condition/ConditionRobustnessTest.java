package dev.golive.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.condition.ConditionResult.Outcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionRobustnessTest {
  private static final List<String> TOKENS = List.of("[", "]", "(", ")", "\"", "==", "!=", "<", ">", "<=", ">=", "=",
      "!", "*", "+", "-", "/", ".", ",", " ", " ", " ", "len(", "has(", "pat(", "any(", "foo(", "[BODY]", "[STATUS]",
      "[VALUE]", "[BASELINE]", "[HEADER]", "[*]", "[0]", "[-1]", "[\"k\"]", ".items", ".a", ".b", "1", "0", "200",
      "500ms", "1h30m", "0.1%", "1MB", "2KiB", "1e5", "1e99999", "x", "UP", "true", "null", "\\", "&&", "ü", "5xs",
      "NaN", "-");
  private static final List<Object> VALUES = Arrays.asList(200, -1L, 0.5, Double.NaN, Double.POSITIVE_INFINITY,
      new BigDecimal("1e400"), new BigInteger("123456789012345678901234567890"), 1.5f, Duration.ofMillis(1),
      Duration.ofSeconds(Long.MAX_VALUE / 2), "", "text", "{\"a\": [1, {\"b\": null}], \"items\": []}",
      "[1, 2, 3]", "{\"a\":", "null", "\"s\"", true, Map.of("a", List.of(1, 2)), List.of(), List.of("x"),
      Map.of(), new Object(), 'c', new byte[] {'{', '}'}, new String[] {"a", "b"}, Thread.State.NEW);

  @Test
  @Timeout(60)
  void randomTextEitherParsesOrFailsWithAColumnAndNeverBreaksEvaluation() {
    Random random = new Random(42);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int n = 1 + random.nextInt(9);
      for (int j = 0; j < n; j++) text.append(TOKENS.get(random.nextInt(TOKENS.size())));
      Condition c;
      try {
        c = Condition.parse(text.toString());
      } catch (ConditionSyntaxException e) {
        assertThat(e.column()).as(text + ": " + e.getMessage()).isBetween(1, text.length() + 1);
        assertThat(e.getMessage()).isNotBlank();
        continue;
      }
      parsed++;
      for (int k = 0; k < 3; k++) {
        ConditionResult r = c.evaluate(randomObservation(random));
        assertThat(r.condition()).isEqualTo(text.toString());
        assertThat(r.explanation()).as(text.toString()).isNotBlank();
        assertThat(r.outcome()).isNotNull();
      }
    }
    assertThat(parsed).as("enough random conditions parse to exercise evaluation").isGreaterThan(500);
  }

  private static Observation randomObservation(Random random) {
    Observation.Builder b = Observation.builder();
    for (String name : List.of("BODY", "STATUS", "VALUE", "BASELINE", "HEADER")) {
      if (random.nextInt(5) > 0) b.put(name, VALUES.get(random.nextInt(VALUES.size())));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @Timeout(10)
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [BODY].big < 5m                | FAILED | [BODY].big (1e+999999999) < 5m
      [BODY].big * 1s > 1s           | FAILED | [BODY].big (1e+999999999) * 1s > 1s: duration out of range
      [BODY].tiny * 1s < 1s          | PASSED | [BODY].tiny (1e-999999999) * 1s (= 0s) < 1s
      [BODY].big + [BODY].tiny > 1   | PASSED | [BODY].big (1e+999999999) + [BODY].tiny (1e-999999999) (= 1e+999999999) > 1
      [BODY].big / [BODY].tiny > 1   | PASSED | [BODY].big (1e+999999999) / [BODY].tiny (1e-999999999) (= 1e+1999999998) > 1
      [BODY].bigText > 1h            | FAILED | [BODY].bigText (1e99999999d) > 1h: cannot compare text (1e99999999d) with a duration
      [BODY].digits > 1h             | FAILED | [BODY].digits (11111111111111111111111111111111111111111111111111111111111111111111111111111...) > 1h: cannot compare text (11111111111111111111111111111111111111111111111111111111111111111111111111111...) with a duration
      """)
  void hugeNumbersFromRemoteDataAreCheap(String condition, Outcome outcome, String explanation) throws Exception {
    String body = "{\"big\": 1e999999999, \"tiny\": 1e-999999999, \"bigText\": \"1e99999999d\", \"digits\": \""
        + "1".repeat(50_000) + "x\"}";
    ConditionResult r = Condition.parse(condition).evaluate(Observation.builder().put("BODY", body).build());
    assertThat(r.explanation()).isEqualTo(explanation);
    assertThat(r.outcome()).isEqualTo(outcome);
  }

  @Test
  @Timeout(10)
  void hugeLiteralsAreSyntaxErrors() {
    assertThatThrownBy(() -> Condition.parse("[AGE] < 1e99999ms")).isInstanceOf(ConditionSyntaxException.class)
        .hasMessage("'1e99999ms' is out of range (numbers between 1e-300 and 1e300)");
  }

  @Test
  void evaluationSurvivesValuesThatCannotBeShown() throws Exception {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    ConditionResult r = Condition.parse("[HEADER].self == 1").evaluate(Observation.builder().put("HEADER", cyclic)
        .build());
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.explanation()).isEqualTo(
        "[HEADER].self ({self=(this Map)}) == 1: cannot compare an object with a value; use an index, [*] or len()");

    Map<String, Object> broken = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        throw new IllegalStateException("boom");
      }
    };
    r = Condition.parse("[HEADER].x == 1").evaluate(Observation.builder().put("HEADER", broken).build());
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.explanation()).isEqualTo(
        "[HEADER].x == 1: could not evaluate (java.lang.IllegalStateException: boom)");
  }

  @Test
  void oneConditionEvaluatesConcurrentlyAgainstManyObservations() throws Exception {
    Condition c = Condition.parse("[BODY].items[*].n < [LIMIT]");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int limit = i % 10;
        tasks.add(() -> {
          Observation o = Observation.builder().put("BODY", "{\"items\": [{\"n\": 3}, {\"n\": 5}]}")
              .put("LIMIT", limit).build();
          return c.evaluate(o).passed() == (limit > 5);
        });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) assertThat(f.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
