package dev.golive.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.ConditionResult.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluateTest {
  static final String BODY = """
      {"status": "DOWN", "version": "1.2.3", "count": 7, "ratio": 0.25, "ok": false, "nothing": null,
       "items": [{"tenant": "acme", "n": 1}, {"tenant": "globex", "n": 2}, {"n": "x"}],
       "same": [{"tenant": "acme"}, {"tenant": "acme"}], "errors": [], "empty": {},
       "a": {"b": [{"c": 5}, {"c": 6}]}, "msg": "hello world", "date": "2024-03-01", "age": "5m",
       "weird.key": 1, "Upper": "u",
       "long": "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"}
      """;

  static final Observation OBS = Observation.builder()
      .put("STATUS", 503)
      .put("RESPONSE_TIME", Duration.ofMillis(120))
      .put("BODY", BODY)
      .put("CERT_EXPIRY", Duration.ofDays(40))
      .put("VALUE", 0.9)
      .put("BASELINE", 0.5)
      .put("HEADER", Map.of("Content-Type", "application/json; charset=utf-8", "X-Count", "12",
          "Set-Cookie", List.of("a=1")))
      .put("TLS_VERSION", "TLSv1.3")
      .put("SIZE", 2_000_000L)
      .put("AGE", Duration.ofMinutes(30))
      .put("LABELS", new TreeMap<>(Map.of("job", "api", "Env", "prod")))
      .put("CONNECTED", true)
      .put("TEXT", "plain text, not json")
      .put("PRECISE", new BigDecimal("0.1"))
      .put("FLOAT", 0.1f)
      .put("NAN", Double.NaN)
      .put("EMPTY", "")
      .build();

  private static void check(String condition, Outcome outcome, String explanation) throws Exception {
    ConditionResult r = Condition.parse(condition).evaluate(OBS);
    assertThat(r.condition()).isEqualTo(condition);
    assertThat(r.explanation()).isEqualTo(explanation);
    assertThat(r.outcome()).as(r.explanation()).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [STATUS] == 503                 | PASSED | [STATUS] (503) == 503
      [STATUS] == 200                 | FAILED | [STATUS] (503) == 200
      [STATUS] != 200                 | PASSED | [STATUS] (503) != 200
      [STATUS] < 500                  | FAILED | [STATUS] (503) < 500
      [STATUS] <= 503                 | PASSED | [STATUS] (503) <= 503
      [STATUS] > 499                  | PASSED | [STATUS] (503) > 499
      [STATUS] >= 504                 | FAILED | [STATUS] (503) >= 504
      [STATUS]==503                   | PASSED | [STATUS] (503) == 503
      [STATUS] == 503.0               | PASSED | [STATUS] (503) == 503.0
      503 == [STATUS]                 | PASSED | 503 == [STATUS] (503)
      500 < [STATUS]                  | PASSED | 500 < [STATUS] (503)
      [status] == 503                 | PASSED | [status] (503) == 503
      [STATUS] == OK                  | FAILED | [STATUS] (503) == OK
      [VALUE] < 0.001                 | FAILED | [VALUE] (0.9) < 0.001
      [VALUE] > 0.89999               | PASSED | [VALUE] (0.9) > 0.89999
      [VALUE] == 9e-1                 | PASSED | [VALUE] (0.9) == 9e-1
      [VALUE] > -1                    | PASSED | [VALUE] (0.9) > -1
      [PRECISE] == 0.1                | PASSED | [PRECISE] (0.1) == 0.1
      [FLOAT] == 0.1                  | PASSED | [FLOAT] (0.1) == 0.1
      """)
  void numbersAndOperators(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [RESPONSE_TIME] < 500ms         | PASSED | [RESPONSE_TIME] (120ms) < 500ms
      [RESPONSE_TIME] < 100ms         | FAILED | [RESPONSE_TIME] (120ms) < 100ms
      [RESPONSE_TIME] <= 120ms        | PASSED | [RESPONSE_TIME] (120ms) <= 120ms
      [RESPONSE_TIME] < 1s            | PASSED | [RESPONSE_TIME] (120ms) < 1s
      [RESPONSE_TIME] > 0.1           | PASSED | [RESPONSE_TIME] (120ms) > 0.1
      [RESPONSE_TIME] < 0.1           | FAILED | [RESPONSE_TIME] (120ms) < 0.1
      [RESPONSE_TIME] > 119999us      | PASSED | [RESPONSE_TIME] (120ms) > 119999us
      [RESPONSE_TIME] < 120000001ns   | PASSED | [RESPONSE_TIME] (120ms) < 120000001ns
      [CERT_EXPIRY] > 30d             | PASSED | [CERT_EXPIRY] (40d) > 30d
      [CERT_EXPIRY] > 6w              | FAILED | [CERT_EXPIRY] (40d) > 6w
      [CERT_EXPIRY] > 5w              | PASSED | [CERT_EXPIRY] (40d) > 5w
      [AGE] < 1h                      | PASSED | [AGE] (30m) < 1h
      [AGE] < 1800                    | FAILED | [AGE] (30m) < 1800
      [AGE] == 1800                   | PASSED | [AGE] (30m) == 1800
      [AGE] == 0.5h                   | PASSED | [AGE] (30m) == 0.5h
      [AGE] < 29m59s                  | FAILED | [AGE] (30m) < 29m59s
      [AGE] <= 1h30m                  | PASSED | [AGE] (30m) <= 1h30m
      [BODY].age == 5m                | PASSED | [BODY].age (5m) == 5m
      [BODY].age < 300001ms           | PASSED | [BODY].age (5m) < 300001ms
      [BODY].status > 5m              | FAILED | [BODY].status (DOWN) > 5m: cannot compare text (DOWN) with a duration
      [SIZE] > 1MB                    | PASSED | [SIZE] (2 MB) > 1MB
      [SIZE] > 2MB                    | FAILED | [SIZE] (2 MB) > 2MB
      [SIZE] < 2MiB                   | PASSED | [SIZE] (1.91 MiB) < 2MiB
      [SIZE] == 2000KB                | PASSED | [SIZE] (2 MB) == 2000KB
      [SIZE] < 0.002GB                | FAILED | [SIZE] (2 MB) < 0.002GB
      [SIZE] > 1953KiB                | PASSED | [SIZE] (1.91 MiB) > 1953KiB
      [SIZE] < 1gib                   | PASSED | [SIZE] (1.91 MiB) < 1gib
      [SIZE] == 2000000B              | PASSED | [SIZE] (2 MB) == 2000000B
      [VALUE] < 0.1%                  | FAILED | [VALUE] (90%) < 0.1%
      [VALUE] == 90%                  | PASSED | [VALUE] (90%) == 90%
      [BODY].ratio < 25.1%            | PASSED | [BODY].ratio (25%) < 25.1%
      """)
  void unitsDurationsSizesPercent(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [BODY].status == DOWN           | PASSED | [BODY].status (DOWN) == DOWN
      [BODY].status == UP             | FAILED | [BODY].status (DOWN) == UP
      [BODY].status == down           | FAILED | [BODY].status (DOWN) == down
      [BODY].status == "DOWN"         | PASSED | [BODY].status (DOWN) == "DOWN"
      [BODY].msg == hello world       | PASSED | [BODY].msg (hello world) == hello world
      [BODY].msg == "hello world"     | PASSED | [BODY].msg (hello world) == "hello world"
      [BODY].msg != hello             | PASSED | [BODY].msg (hello world) != hello
      [BODY].version == 1.2.3         | PASSED | [BODY].version (1.2.3) == 1.2.3
      [BODY].date >= 2024-01-01       | PASSED | [BODY].date (2024-03-01) >= 2024-01-01
      [BODY].date < 2024-03-01        | FAILED | [BODY].date (2024-03-01) < 2024-03-01
      [BODY].count == 7               | PASSED | [BODY].count (7) == 7
      [BODY].count > 6.5              | PASSED | [BODY].count (7) > 6.5
      [BODY].ok == false              | PASSED | [BODY].ok (false) == false
      [BODY].ok == true               | FAILED | [BODY].ok (false) == true
      [BODY].ok != TRUE               | PASSED | [BODY].ok (false) != TRUE
      [BODY].ok > true                | FAILED | [BODY].ok (false) > true: true/false cannot be compared with >
      [BODY].nothing == null          | PASSED | [BODY].nothing (null) == null
      [BODY].status != null           | PASSED | [BODY].status (DOWN) != null
      [BODY].nothing > 1              | FAILED | [BODY].nothing (null) > 1: null cannot be compared with >
      [BODY].Upper == u               | PASSED | [BODY].Upper (u) == u
      [BODY].upper == u               | PASSED | [BODY].upper (u) == u
      [BODY].a.b[0].c == 5            | PASSED | [BODY].a.b[0].c (5) == 5
      [BODY].a.b[1].c == 5            | FAILED | [BODY].a.b[1].c (6) == 5
      [BODY].a.b[-1].c == 6           | PASSED | [BODY].a.b[-1].c (6) == 6
      [BODY]["weird.key"] == 1        | PASSED | [BODY]["weird.key"] (1) == 1
      [BODY]."weird.key" == 1         | PASSED | [BODY]."weird.key" (1) == 1
      [BODY].a == 1                   | FAILED | [BODY].a ({"b":[{"c":5},{"c":6}]}) == 1: cannot compare an object with a value; use an index, [*] or len()
      [BODY].status > 5               | FAILED | [BODY].status (DOWN) > 5: cannot compare text (DOWN) with a number
      [BODY].long == x                | FAILED | [BODY].long (01234567890123456789012345678901234567890123456789012345678901234567890123456...) == x
      [BODY].status == [BODY].status  | PASSED | [BODY].status (DOWN) == [BODY].status (DOWN)
      [TEXT] == plain text, not json  | PASSED | [TEXT] (plain text, not json) == plain text, not json
      [EMPTY] == ""                   | PASSED | [EMPTY] ("") == ""
      [CONNECTED] == true             | PASSED | [CONNECTED] (true) == true
      [CONNECTED] == false            | FAILED | [CONNECTED] (true) == false
      [TLS_VERSION] >= 1.2            | PASSED | [TLS_VERSION] (TLSv1.3) >= 1.2
      [TLS_VERSION] == 1.3            | PASSED | [TLS_VERSION] (TLSv1.3) == 1.3
      [TLS_VERSION] < 1.3             | FAILED | [TLS_VERSION] (TLSv1.3) < 1.3
      [HEADER].content-type == pat(*json*)  | PASSED | [HEADER].content-type (application/json; charset=utf-8) == pat(*json*)
      [HEADER].Content-Type == pat(*html*)  | FAILED | [HEADER].Content-Type (application/json; charset=utf-8) == pat(*html*)
      [HEADER].x-count > 10           | PASSED | [HEADER].x-count (12) > 10
      [HEADER].set-cookie == a=1      | PASSED | [HEADER].set-cookie ([\"a=1\"]) == a=1
      [LABELS].job == api             | PASSED | [LABELS].job (api) == api
      [LABELS].env == prod            | PASSED | [LABELS].env (prod) == prod
      """)
  void valuesAndPaths(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation.replace("\\\"", "\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [BODY].same[*].tenant == acme    | PASSED | [BODY].same[*].tenant (acme, acme) == acme
      [BODY].items[*].tenant == acme   | FAILED | [BODY].items[*].tenant (acme, globex, missing) == acme: 2 of 3 fail: [BODY].items[1].tenant (globex), [BODY].items[2].tenant (missing)
      [BODY].items[*].tenant != initech | FAILED | [BODY].items[*].tenant (acme, globex, missing) != initech: 1 of 3 fail: [BODY].items[2].tenant (missing)
      [BODY].items[*].n < 2            | FAILED | [BODY].items[*].n (1, 2, x) < 2: 2 of 3 fail: [BODY].items[1].n (2), [BODY].items[2].n (x: cannot compare text (x) with a number)
      [BODY].a.b[*].c >= 5             | PASSED | [BODY].a.b[*].c (5, 6) >= 5
      [BODY].a.b[*].c == any(5, 6)     | PASSED | [BODY].a.b[*].c (5, 6) == any(5, 6)
      acme == [BODY].same[*].tenant    | PASSED | acme == [BODY].same[*].tenant (acme, acme)
      [BODY].errors[*].code == 1       | NO_DATA | [BODY].errors[*].code (no data: no elements) == 1
      [BODY].empty[*] == 1             | NO_DATA | [BODY].empty[*] (no data: no elements) == 1
      [BODY].status[*] == 1            | NO_DATA | [BODY].status[*] (no data: [BODY].status is a text, not an array) == 1
      [BODY].items[*].n * 2 < 5        | FAILED | [BODY].items[*].n (1, 2, x) * 2 < 5: cannot compute with text (x)
      [BODY].a.b[*].c * 2 < 11         | FAILED | [BODY].a.b[*].c (5, 6) * 2 < 11: 1 of 2 fail: [BODY].a.b[1].c (12)
      len([BODY].items[*].tenant) == 4 | FAILED | len([BODY].items[*].tenant) (4, 6, missing) == 4: 2 of 3 fail: len([BODY].items[1].tenant) (6), len([BODY].items[2].tenant) (missing)
      [BODY].items[*].tenant == [BODY].same[*].tenant | FAILED | [BODY].items[*].tenant (acme, globex, missing) == [BODY].same[*].tenant (acme, acme): only one side may use [*]
      [LABELS][*] == pat(*p*)          | PASSED | [LABELS][*] (prod, api) == pat(*p*)
      [LABELS][*] == api               | FAILED | [LABELS][*] (prod, api) == api: 1 of 2 fail: [LABELS].Env (prod)
      """)
  void wildcards(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      len([BODY].errors) == 0          | PASSED | len([BODY].errors) (0) == 0
      len([BODY].items) == 3           | PASSED | len([BODY].items) (3) == 3
      len([BODY].items) > 3            | FAILED | len([BODY].items) (3) > 3
      len([BODY].a) == 1               | PASSED | len([BODY].a) (1) == 1
      len([BODY].msg) == 11            | PASSED | len([BODY].msg) (11) == 11
      len([BODY]) > 3                  | PASSED | len([BODY]) (17) > 3
      len([TEXT]) == 20                | PASSED | len([TEXT]) (20) == 20
      len([HEADER]) == 3               | PASSED | len([HEADER]) (3) == 3
      len([BODY].count) == 1           | FAILED | len([BODY].count) (7) == 1: len() needs text, an array or an object, not a number
      len([BODY].missing) == 0         | NO_DATA | len([BODY].missing) (no data: no field 'missing' in [BODY]) == 0
      len([NOPE]) == 0                 | NO_DATA | len([NOPE]) (no data) == 0
      has([BODY].status) == true       | PASSED | has([BODY].status) (true) == true
      has([BODY].nope) == true         | FAILED | has([BODY].nope) (false) == true
      has([BODY].nope) == false        | PASSED | has([BODY].nope) (false) == false
      has([BODY].nothing) == true      | PASSED | has([BODY].nothing) (true) == true
      has([BODY].a.b[1].c) == true     | PASSED | has([BODY].a.b[1].c) (true) == true
      has([BODY].a.b[2].c) == true     | FAILED | has([BODY].a.b[2].c) (false) == true
      has([BODY].items[*].tenant) == true | FAILED | has([BODY].items[*].tenant) (false) == true
      has([BODY].same[*].tenant) == true  | PASSED | has([BODY].same[*].tenant) (true) == true
      has([BODY].errors[*].x) == true  | FAILED | has([BODY].errors[*].x) (false) == true
      has([TEXT].x) == false           | PASSED | has([TEXT].x) (false) == false
      has([NOPE].x) == false           | NO_DATA | has([NOPE].x) (no data) == false
      [BODY] == pat(*"status"*)        | PASSED | [BODY] ({"status": "DOWN", "version": "1.2.3", "count": 7, "ratio": 0.25, "ok": false...) == pat(*"status"*)
      [TEXT] == pat(plain*)            | PASSED | [TEXT] (plain text, not json) == pat(plain*)
      [TEXT] == pat(*json)             | PASSED | [TEXT] (plain text, not json) == pat(*json)
      [TEXT] == pat(json*)             | FAILED | [TEXT] (plain text, not json) == pat(json*)
      [TEXT] != pat(*xml*)             | PASSED | [TEXT] (plain text, not json) != pat(*xml*)
      [TEXT] == pat("plain text, *")   | PASSED | [TEXT] (plain text, not json) == pat("plain text, *")
      [TEXT] == pat(plain.text*)       | FAILED | [TEXT] (plain text, not json) == pat(plain.text*)
      [STATUS] == pat(5*)              | PASSED | [STATUS] (503) == pat(5*)
      [RESPONSE_TIME] == pat(*ms)      | PASSED | [RESPONSE_TIME] (120ms) == pat(*ms)
      pat(*json*) == [HEADER].content-type | PASSED | pat(*json*) == [HEADER].content-type (application/json; charset=utf-8)
      [STATUS] == any(200, 204)        | FAILED | [STATUS] (503) == any(200, 204)
      [STATUS] == any(200, 503)        | PASSED | [STATUS] (503) == any(200, 503)
      [STATUS] != any(200, 204)        | PASSED | [STATUS] (503) != any(200, 204)
      [BODY].status == any(UP, DOWN)   | PASSED | [BODY].status (DOWN) == any(UP, DOWN)
      [BODY].status == any("U, P", pat(D*)) | PASSED | [BODY].status (DOWN) == any("U, P", pat(D*))
      [BODY].msg == any(hello world)   | PASSED | [BODY].msg (hello world) == any(hello world)
      [AGE] == any(1h, 30m)            | PASSED | [AGE] (30m) == any(1h, 30m)
      """)
  void functions(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [VALUE] > [BASELINE] * 1.5       | PASSED | [VALUE] (0.9) > [BASELINE] (0.5) * 1.5 (= 0.75)
      [VALUE] > [BASELINE] * 2         | FAILED | [VALUE] (0.9) > [BASELINE] (0.5) * 2 (= 1)
      [VALUE] > 1.5 * [BASELINE]       | PASSED | [VALUE] (0.9) > 1.5 * [BASELINE] (0.5) (= 0.75)
      [VALUE] - [BASELINE] < 0.5       | PASSED | [VALUE] (0.9) - [BASELINE] (0.5) (= 0.4) < 0.5
      [VALUE]-[BASELINE] < 0.4         | FAILED | [VALUE] (0.9) - [BASELINE] (0.5) (= 0.4) < 0.4
      [VALUE] / [BASELINE] == 1.8      | PASSED | [VALUE] (0.9) / [BASELINE] (0.5) (= 1.8) == 1.8
      [VALUE] < [BASELINE] + 0.5       | PASSED | [VALUE] (0.9) < [BASELINE] (0.5) + 0.5 (= 1)
      [VALUE] < 1 + 2 * [BASELINE]     | PASSED | [VALUE] (0.9) < 1 + 2 * [BASELINE] (0.5) (= 2)
      [VALUE] < (1 + 2) * [BASELINE]   | PASSED | [VALUE] (0.9) < (1 + 2) * [BASELINE] (0.5) (= 1.5)
      -[VALUE] < 0                     | PASSED | -[VALUE] (0.9) (= -0.9) < 0
      [VALUE] / 0 < 1                  | FAILED | [VALUE] (0.9) / 0 < 1: division by zero
      [VALUE] > [NOPE] * 1.5           | NO_DATA | [VALUE] (0.9) > [NOPE] (no data) * 1.5
      [VALUE] > [BODY].status * 2      | FAILED | [VALUE] (0.9) > [BODY].status (DOWN) * 2: cannot compute with text (DOWN)
      [RESPONSE_TIME] < 2 * 100ms      | PASSED | [RESPONSE_TIME] (120ms) < 2 * 100ms (= 200ms)
      [RESPONSE_TIME] * 2 > 200ms      | PASSED | [RESPONSE_TIME] (120ms) * 2 (= 240ms) > 200ms
      [RESPONSE_TIME] / 2 == 60ms      | PASSED | [RESPONSE_TIME] (120ms) / 2 (= 60ms) == 60ms
      [RESPONSE_TIME] / 60ms == 2      | PASSED | [RESPONSE_TIME] (120ms) / 60ms (= 2) == 2
      [CERT_EXPIRY] - 10d > 4w         | PASSED | [CERT_EXPIRY] (40d) - 10d (= 30d) > 4w
      [CERT_EXPIRY] + 1 > 40d          | PASSED | [CERT_EXPIRY] (40d) + 1 (= 40d 1s) > 40d
      [AGE] * [AGE] > 1s               | FAILED | [AGE] (30m) * [AGE] (30m) > 1s: cannot multiply a duration by a duration
      [HEADER].x-count * 2 == 24       | PASSED | [HEADER].x-count (12) * 2 (= 24) == 24
      [SIZE] < 1MB * 3                 | PASSED | [SIZE] (2 MB) < 1MB * 3 (= 3 MB)
      [VALUE] < 2 * 0.5                | PASSED | [VALUE] (0.9) < 2 * 0.5 (= 1)
      """)
  void arithmetic(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [NOPE] < 0.001                   | NO_DATA | [NOPE] (no data) < 0.001
      [NOPE].x == 1                    | NO_DATA | [NOPE].x (no data) == 1
      [BODY].missing == 1              | NO_DATA | [BODY].missing (no data: no field 'missing' in [BODY]) == 1
      [BODY].a.x.y == 1                | NO_DATA | [BODY].a.x.y (no data: no field 'x' in [BODY].a) == 1
      [BODY].status.x == 1             | NO_DATA | [BODY].status.x (no data: [BODY].status is a text, not an object) == 1
      [BODY].a.b[5].c == 1             | NO_DATA | [BODY].a.b[5].c (no data: index 5 out of range ([BODY].a.b has 2 elements)) == 1
      [BODY].a[0] == 1                 | NO_DATA | [BODY].a[0] (no data: [BODY].a is an object, not an array) == 1
      [TEXT].status == UP              | NO_DATA | [TEXT].status (no data: [TEXT] is not JSON: starts with 'plain text, not json') == UP
      [EMPTY].status == UP             | NO_DATA | [EMPTY].status (no data: [EMPTY] is empty, not JSON) == UP
      [NOPE] == [ALSO_NOPE]            | NO_DATA | [NOPE] (no data) == [ALSO_NOPE] (no data)
      [NAN] < 1                        | FAILED | [NAN] (NaN) < 1: not a number (NaN)
      [NAN] != 1                       | PASSED | [NAN] (NaN) != 1
      """)
  void noDataAndSpecialValues(String condition, Outcome outcome, String explanation) throws Exception {
    check(condition, outcome, explanation);
  }
}
