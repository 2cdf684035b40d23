package dev.golive.condition.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteralsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      500ms   | PT0.5S
      30s     | PT30S
      5m      | PT5M
      1h      | PT1H
      1h30m   | PT1H30M
      1.5h    | PT1H30M
      30d     | PT720H
      2w      | PT336H
      250us   | PT0.00025S
      250µs   | PT0.00025S
      7ns     | PT0.000000007S
      -5m     | PT-5M
      """)
  void durations(String word, String iso) {
    assertThat(Literals.classify(word)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      200      | 200
      -1.5     | -1.5
      .5       | 0.5
      1e3      | 1000
      2.5E-3   | 0.0025
      0.1%     | 0.001
      99.9%    | 0.999
      1B       | 1
      1KB      | 1000
      1kb      | 1000
      1MB      | 1000000
      1.5GB    | 1500000000
      1TB      | 1000000000000
      1KiB     | 1024
      1MiB     | 1048576
      2GiB     | 2147483648
      1TiB     | 1099511627776
      """)
  void numbersPercentAndSizes(String word, String expected) {
    assertThat((BigDecimal) Literals.classify(word)).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      true     | true
      TRUE     | true
      false    | false
      """)
  void booleans(String word, boolean expected) {
    assertThat(Literals.classify(word)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      UP
      hello world
      1.2.3
      2024-01-01
      5f3a9c
      application/json
      TLSv1.2
      """)
  void otherWordsAreText(String word) {
    assertThat(Literals.classify(word)).isEqualTo(word);
    assertThat(Literals.classify("null")).isSameAs(Values.NULL);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      500xs    | bad unit 'xs' in '500xs'
      10sec    | bad unit 'sec' in '10sec'
      1b       | bad unit 'b' in '1b'
      3rd      | bad unit 'rd' in '3rd'
      5%%      | bad unit '%%' in '5%%'
      1e99999d | '1e99999d' is out of range
      """)
  void badUnits(String word, String message) {
    assertThatThrownBy(() -> Literals.classify(word)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
