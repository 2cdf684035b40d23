package dev.golive.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParseTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [STATUS] == 200                                | STATUS
      [RESPONSE_TIME] < 500ms                        | RESPONSE_TIME
      [BODY].items[*].tenant == acme                 | BODY
      len([BODY].errors) == 0                        | BODY
      has([BODY].field) == true                      | BODY
      [VALUE] > [BASELINE] * 1.5                     | VALUE,BASELINE
      [BASELINE] * 1.5 < [VALUE]                     | BASELINE,VALUE
      ([VALUE] + [OTHER]) / 2 > len([BODY].x) - 1    | VALUE,OTHER,BODY
      [header].content-type == pat(*json*)           | HEADER
      [STATUS] == any(200, 204)                      | STATUS
      200 == 200                                     | ``
      """)
  void placeholdersAreTheNamesUsed(String text, String names) throws Exception {
    Condition c = Condition.parse(text);
    assertThat(c.text()).isEqualTo(text);
    assertThat(c.placeholders()).containsExactlyElementsOf(names.isEmpty() ? Set.of()
        : Arrays.asList(names.split(",")));
  }

  @Test
  void textIsKeptAsWrittenAndIdentifiesTheCondition() throws Exception {
    Condition c = Condition.parse("  [STATUS]  ==  200 ");
    assertThat(c.text()).isEqualTo("  [STATUS]  ==  200 ");
    assertThat(c.evaluate(Observation.builder().put("STATUS", 200).build()).passed()).isTrue();
    assertThat(Condition.parse("[STATUS] == 200")).isEqualTo(Condition.parse("[STATUS] == 200"))
        .hasToString("[STATUS] == 200");
  }

  @Test
  void unknownPlaceholdersAreThoseNotAllowed() throws Exception {
    Condition c = Condition.parse("[VALUE] > [BASELINE] * [FACTOR]");
    assertThat(c.unknownPlaceholders(Set.of("VALUE"))).containsExactly("BASELINE", "FACTOR");
    assertThat(c.unknownPlaceholders(Set.of("VALUE", "BASELINE", "FACTOR"))).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                                 | 1  | empty condition
      `   `                              | 1  | empty condition
      [STATUS]                           | 9  | missing comparison operator (==, !=, <, <=, >, >=) after '[STATUS]'
      [STATUS] 200                       | 10 | missing comparison operator (==, !=, <, <=, >, >=) before '200'
      hello                              | 6  | missing comparison operator
      has([BODY].x)                      | 14 | missing comparison operator
      [STATUS] = 200                     | 10 | use '==' to compare, not '='
      [STATUS] === 200                   | 10 | unknown operator '==='
      [STATUS] => 200                    | 10 | unknown operator '=>' (did you mean '>='?)
      [STATUS] =< 200                    | 10 | unknown operator '=<' (did you mean '<='?)
      [STATUS] <> 200                    | 10 | unknown operator '<>' (use '!=')
      [STATUS == 200                     | 1  | unbalanced '[': missing ']'
      STATUS] == 200                     | 7  | unbalanced ']': no matching '['
      len([BODY].a == 1                  | 4  | unbalanced '(': missing ')'
      len([BODY].a]) == 1                | 13 | ']' does not close '(' at column 4
      len([BODY).a] == 1                 | 10 | ')' does not close '[' at column 5
      [STATUS] == [BASELINE * 2          | 13 | unbalanced '[': missing ']'
      [VALUE] > ([BASELINE] * 2          | 11 | unbalanced '(': missing ')'
      [BODY].x == "abc                   | 13 | unterminated string: missing closing '"'
      "abc == [BODY].x                   | 1  | unterminated string: missing closing '"'
      [STATUS] ==                        | 12 | missing value after '=='
      == 200                             | 1  | missing value before '=='
      `  == 200`                         | 1  | missing value before '=='
      [VALUE] > [BASELINE] *             | 23 | missing value after '*'
      [STATUS] == foo(1)                 | 13 | unknown function 'foo' (known: len, has, pat, any)
      size([BODY]) > 1                   | 1  | unknown function 'size' (known: len, has, pat, any)
      [RESPONSE_TIME] < 500xs            | 19 | bad unit 'xs' in '500xs'
      [RESPONSE_TIME] < 10sec            | 19 | bad unit 'sec' in '10sec'
      [SIZE] > 2 * 1XB                   | 14 | bad unit 'XB' in '1XB'
      [STATUS] == any(200, 2xx)          | 22 | bad unit 'xx' in '2xx'
      [BODY]. == 1                       | 8  | expected a field name after '.'
      [BODY].a[x] == 1                   | 9  | bad index '[x]' (use [0], [-1], [*] or ["key"])
      [] == 1                            | 1  | empty placeholder '[]'
      [BO DY] == 1                       | 2  | bad placeholder name 'BO DY'
      [A] < [B] < 5                      | 11 | unexpected '<': a condition has exactly one comparison
      [STATUS] == 200 && [X] == 1        | 17 | '&&' is not supported: write one condition per line
      [VALUE] > [BASELINE] 2             | 22 | unexpected '2' (missing operator?)
      [BODY] > pat(*ok*)                 | 8  | pat() and any() work only with == and !=, not >
      [STATUS] < any(200, 204)           | 10 | pat() and any() work only with == and !=, not <
      pat(*a*) == any(a)                 | 13 | only one side may be pat() or any()
      [BODY] == pat()                    | 15 | pat() needs a pattern
      [BODY] == pat(*ok*) + 1            | 21 | unexpected '+'
      [STATUS] == any()                  | 17 | any() needs at least one value
      [STATUS] == any(200, , 204)        | 22 | empty value in any()
      [STATUS] == any(200, len(x))       | 22 | any() accepts values and pat(...), not len()
      [VALUE] * pat(x) == 1              | 11 | pat() can only be a whole side of == or !=
      len() == 0                         | 5  | len() needs an argument
      len([BODY].a, 2) == 0              | 13 | len() takes one argument
      has(5) == true                     | 5  | has() takes a placeholder path such as [BODY].field
      """)
  void syntaxErrorsPointAtTheirColumn(String text, int column, String message) {
    assertThatThrownBy(() -> Condition.parse(text))
        .isInstanceOfSatisfying(ConditionSyntaxException.class, e -> {
          assertThat(e.getMessage()).startsWith(message);
          assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
  }

  @Test
  void nullIsAnEmptyCondition() {
    assertThatThrownBy(() -> Condition.parse(null)).isInstanceOf(ConditionSyntaxException.class)
        .hasMessage("empty condition");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      [BODY].id == "5f3a"     | 5f3a
      [BODY].id == 5f3a9c     | 5f3a9c
      [BODY].x == 1.2.3       | 1.2.3
      [BODY].x == a - b       | a - b
      [BODY].x == hello (you) | hello (you)
      [BODY].x == :)          | :)
      [BODY].x == "a \\" b"   | a " b
      [BODY].x == a=b         | a=b
      [BODY].x == x > y       | x > y
      """)
  void rightHandTextIsOneLiteral(String text, String value) throws Exception {
    Condition c = Condition.parse(text);
    assertThat(c.evaluate(Observation.builder().put("BODY", "{\"x\": 1, \"id\": 2}").build()).outcome())
        .isEqualTo(ConditionResult.Outcome.FAILED);
    String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
        java.util.Map.of("x", value, "id", value));
    assertThat(c.evaluate(Observation.builder().put("BODY", body).build()).passed()).isTrue();
  }
}
