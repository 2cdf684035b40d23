package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code golive validate} (the real CLI entry) refuses conditions whose literals do not fit their placeholders' types,
 * or that can never come out both ways, at the exact file:line:col of the offending text.
 */
@Isolated
class ValidateConditionTypesTest {
  private static final String CHECKLIST = "# Shop\n- [ ] GO-001 Errors stay low\n- [ ] GO-002 API answers\n";
  @TempDir Path dir;

  /** A plan whose http probe 'api' (line 10) has {@code condition}; or whose trigger (line 14) fires on it. */
  private Path plan(String where, String condition) throws Exception {
    return plan(where, condition, "number");
  }

  private Path plan(String where, String condition, String unit) throws Exception {
    String probe = where.equals("probe") ? condition : "[STATUS] < 400";
    String fire = where.equals("trigger") ? condition : "[VALUE] > 5%";
    Files.writeString(dir.resolve("checklist.md"), CHECKLIST);
    Files.writeString(dir.resolve("golive.yaml"), String.join("\n",
        "service: shop",
        "probes:",
        "  - id: error-rate",
        "    promql: { url: \"http://127.0.0.1:9\", query: \"sum(rate(errors[5m]))\" }",
        "    ticks: [GO-001]",
        "    unit: " + unit,
        "  - id: api",
        "    http: { url: \"http://127.0.0.1:9/health\" }",
        "    ticks: [GO-002]",
        "    conditions: [\"" + probe + "\"]",
        "triggers:",
        "  - id: errors",
        "    probe: error-rate",
        "    fire-when: \"" + fire + "\"",
        ""));
    return dir;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      trigger | [VALUE] > 5 %              | 5 %   | triggers[0].fire-when: "[VALUE] > 5 %": '5 %' is not a number; [VALUE] of promql probe 'error-rate' is a number: write 5% (no space)
      trigger | [VALUE] > five             | five  | triggers[0].fire-when: "[VALUE] > five": 'five' is not a number; [VALUE] of promql probe 'error-rate' is a number: write a number such as 0.05, 5% or 200
      trigger | [VALUE] > 5%%              | 5%%   | condition "[VALUE] > 5%%": bad unit '%%' in '5%%'
      trigger | [VALUE] > 1e999999         | 1e999 | condition "[VALUE] > 1e999999": '1e999999' is out of range (numbers between 1e-300 and 1e300)
      trigger | [VALUE] > [BASELINE] * ten | ten   | triggers[0].fire-when: "[VALUE] > [BASELINE] * ten": 'ten' is not a number; arithmetic needs numbers or durations
      trigger | [VALUE] == true            | true  | triggers[0].fire-when: "[VALUE] == true": 'true' is not a number; [VALUE] of promql probe 'error-rate' is a number
      trigger | [SERIES] > 5%              | 5%    | triggers[0].fire-when: "[SERIES] > 5%": '5%' is a percentage; [SERIES] of promql probe 'error-rate' is a count (a whole number, 0 or more): write a whole number such as 0 or 3
      trigger | [SERIES] < 0               | 0     | triggers[0].fire-when: "[SERIES] < 0": this can never be true: [SERIES] of promql probe 'error-rate' is a count (a whole number, 0 or more)
      trigger | [VALUE] >                  | "     | condition "[VALUE] >": missing value after '>'
      probe   | [STATUS] == 2OO            | 2OO   | condition "[STATUS] == 2OO": '2OO' is not a number (did you mean 200?)
      probe   | [STATUS] == \\"abc\\"      | \\"ab | probes[1].conditions[0]: "[STATUS] == "abc"": '"abc"' is not a number; [STATUS] of http probe 'api' is an HTTP status (100-599)
      probe   | [STATUS] > 30d             | 30d   | probes[1].conditions[0]: "[STATUS] > 30d": '30d' is a duration; [STATUS] of http probe 'api' is an HTTP status (100-599)
      probe   | [STATUS] == 700            | 700   | probes[1].conditions[0]: "[STATUS] == 700": this can never be true: [STATUS] of http probe 'api' is an HTTP status (100-599)
      probe   | [STATUS] < 600             | 600   | probes[1].conditions[0]: "[STATUS] < 600": this can never be false: [STATUS] of http probe 'api' is an HTTP status (100-599)
      probe   | [STATUS] == any(200, 2O4)  | 2O4   | probes[1].conditions[0]: "[STATUS] == any(200, 2O4)": '2O4' is not a number (did you mean 204?); [STATUS] of http probe 'api' is an HTTP status (100-599)
      probe   | [RESPONSE_TIME] < 500 ms   | 500 m | probes[1].conditions[0]: "[RESPONSE_TIME] < 500 ms": '500 ms' is not a duration; [RESPONSE_TIME] of http probe 'api' is a duration: write 500ms (no space)
      probe   | [RESPONSE_TIME] < fast     | fast  | probes[1].conditions[0]: "[RESPONSE_TIME] < fast": 'fast' is not a duration; [RESPONSE_TIME] of http probe 'api' is a duration: write a number with a unit (ns us ms s m h d w), e.g. 500ms, 1h30m, 30d
      probe   | [RESPONSE_TIME] < 0s       | 0s    | probes[1].conditions[0]: "[RESPONSE_TIME] < 0s": this can never be true: [RESPONSE_TIME] of http probe 'api' is a duration
      probe   | [CONNECTED] < true         | <     | probes[1].conditions[0]: "[CONNECTED] < true": [CONNECTED] of http probe 'api' is true/false: it cannot be compared with <; write [CONNECTED] == true or [CONNECTED] == false
      probe   | [CONNECTED] == yes         | yes   | probes[1].conditions[0]: "[CONNECTED] == yes": 'yes' is not true/false; [CONNECTED] of http probe 'api' is true/false: write true or false
      probe   | [CONNECTED] == 5s          | 5s    | probes[1].conditions[0]: "[CONNECTED] == 5s": '5s' is not true/false
      probe   | [BODY_SIZE] > 5s           | 5s    | probes[1].conditions[0]: "[BODY_SIZE] > 5s": '5s' is a duration; [BODY_SIZE] of http probe 'api' is a size in bytes
      probe   | [HEADER] > 5               | >     | probes[1].conditions[0]: "[HEADER] > 5": [HEADER] of http probe 'api' is a map: it cannot be compared with >; compare one key, e.g. [HEADER].name
      probe   | [STATUS].code == 200       | [STAT | probes[1].conditions[0]: "[STATUS].code == 200": [STATUS] is an HTTP status (100-599): it has no fields or elements; write [STATUS] alone
      probe   | [BODY].rate > 5 %          | 5 %   | probes[1].conditions[0]: "[BODY].rate > 5 %": '5 %' is not a number; [BODY].rate is JSON (any value): write 5% (no space)
      probe   | [BODY].count > 12abc       | 12abc | condition "[BODY].count > 12abc": bad unit 'abc' in '12abc'
      """)
  void aConditionThatCannotMeanWhatItSaysIsRefusedWhereItStands(String where, String condition, String token,
      String message) throws Exception {
    String cond = condition.replace("\\\\", "\\");
    plan(where, cond);
    MainRun r = MainRun.of("validate", dir.toString());

    String line = Files.readAllLines(dir.resolve("golive.yaml")).get(where.equals("probe") ? 9 : 13);
    int quote = line.indexOf('"', line.indexOf(where.equals("probe") ? "[" : ":"));
    String tokenText = token.replace("\\\\", "\\");
    int column = quote + 1 + line.substring(quote + 1).indexOf(tokenText) + 1;
    String expected = dir.resolve("golive.yaml") + ":" + (where.equals("probe") ? 10 : 14) + ":" + column + ": "
        + message.replace("\\\\", "\\");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).as("located at the offending text").contains(expected);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      [VALUE] > 5 %   | 5 %  | '5 %' is not a number; [VALUE] of promql probe 'error-rate' is a ratio (0-1): write 5% (no space)
      [VALUE] > five  | five | 'five' is not a number; [VALUE] of promql probe 'error-rate' is a ratio (0-1): write 0.05 or 5%
      [VALUE] > 200%  | 200% | this can never be true: [VALUE] of promql probe 'error-rate' is a ratio (0-1)
      [VALUE] > 5     | 5    | this can never be true: [VALUE] of promql probe 'error-rate' is a ratio (0-1): to mean 5%, write 5% or 0.05
      [VALUE] >= 0    | 0    | this can never be false: [VALUE] of promql probe 'error-rate' is a ratio (0-1)
      [VALUE] > 30s   | 30s  | '30s' is a duration; [VALUE] of promql probe 'error-rate' is a ratio (0-1): write 0.05 or 5%
      """)
  void aRatioProbeRefusesThresholdsThatAreNotRatios(String condition, String token, String message) throws Exception {
    plan("trigger", condition, "ratio");
    MainRun r = MainRun.of("validate", dir.toString());
    String line = Files.readAllLines(dir.resolve("golive.yaml")).get(13);
    int column = line.indexOf('"') + 1 + line.substring(line.indexOf('"') + 1).indexOf(token) + 1;
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("golive.yaml") + ":14:" + column + ": triggers[0].fire-when: \""
        + condition + "\": " + message);
  }

  @Test
  void aUnitOnAProbeWithoutAValueIsRefused() throws Exception {
    plan("probe", "[STATUS] < 400");
    Path yaml = dir.resolve("golive.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("    ticks: [GO-002]", "    ticks: [GO-002]\n    unit: ratio"));
    MainRun r = MainRun.of("validate", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("golive.yaml:10:11: probes[1].unit: sets the unit of [VALUE], which http probes do not "
        + "observe");
  }

  @Test
  void aNulInAConditionIsRefusedAtItsColumn() throws Exception {
    plan("probe", "[STATUS] == 200\\0");
    MainRun r = MainRun.of("validate", dir.toString());
    String line = Files.readAllLines(dir.resolve("golive.yaml")).get(9);
    int column = line.indexOf("\\0") + 1;
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("golive.yaml") + ":10:" + column + ": condition "
        + "\"[STATUS] == 200\u0000\": control character U+0000 in the condition (NUL); a condition is one line of "
        + "printable text");
  }

  @Test
  void aLikelyMistakeIsAWarningThatStrictTurnsIntoAnError() throws Exception {
    plan("probe", "[RESPONSE_TIME] < 3");
    String warning = dir.resolve("golive.yaml") + ":10:" + (Files.readAllLines(dir.resolve("golive.yaml")).get(9)
        .indexOf("3\"") + 1) + ": warning: probes[1].conditions[0]: \"[RESPONSE_TIME] < 3\": '3' has no unit and "
        + "compares as seconds; [RESPONSE_TIME] of http probe 'api' is a duration: write 3s, or e.g. 500ms, 30d";

    MainRun lenient = MainRun.of("validate", dir.toString());
    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.err()).contains(warning);
    assertThat(lenient.out()).contains("ok: plan shop");

    MainRun strict = MainRun.of("validate", "--strict", dir.toString());
    assertThat(strict.code()).isEqualTo(2);
    assertThat(strict.err()).contains(warning).contains("1 warning with --strict");
  }

  @Test
  void conditionsThatFitTheirTypesValidateCleanlyEvenWithStrict() throws Exception {
    for (String[] c : List.of(new String[] {"probe", "[STATUS] == any(200, 204)"},
        new String[] {"probe", "[RESPONSE_TIME] < 500ms"}, new String[] {"probe", "[BODY_SIZE] < 2MiB"},
        new String[] {"probe", "[BODY].status == UP"}, new String[] {"probe", "[BODY].date >= 2024-01-01"},
        new String[] {"probe", "[CONNECTED] == true"}, new String[] {"probe", "len([BODY].errors) == 0"},
        new String[] {"trigger", "[VALUE] > 5%"}, new String[] {"trigger", "[VALUE] > 0.05"},
        new String[] {"trigger", "[VALUE] > [BASELINE] * 1.5"}, new String[] {"trigger", "[VALUE] > 250ms"})) {
      plan(c[0], c[1]);
      MainRun r = MainRun.of("validate", "--strict", dir.toString());
      assertThat(r.code()).as(c[1] + ": " + r.err()).isZero();
      assertThat(r.err()).as(c[1]).doesNotContain("warning");
    }
  }
}
