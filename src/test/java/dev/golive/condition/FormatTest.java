package dev.golive.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0.17858720662963543 | 0.179
      200                 | 200
      200.0               | 200
      -1.5                | -1.5
      1234.5678           | 1235
      0.000123456         | 0.000123
      0.0000001234        | 1.23e-7
      123456789012        | 123456789012
      4.56e20             | 4.56e+20
      1e-999              | 1e-999
      0                   | 0
      """)
  void numbersHaveThreeSignificantDigitsAndWholeNumbersStayWhole(String in, String shown) {
    assertThat(Format.number(Double.parseDouble(in) == 0 || in.contains("e-999") ? new BigDecimal(in)
        : Double.parseDouble(in))).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0.054               | 5.4%
      0.0536              | 5.36%
      0.05                | 5%
      0.17858720662963543 | 17.9%
      1                   | 100%
      0.000012            | 0.0012%
      0                   | 0%
      """)
  void ratiosAsPercents(double ratio, String shown) {
    assertThat(Format.percent(ratio)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      PT1.2S               | 1.2s
      PT0.25S              | 250ms
      PT0.0001234S         | 123µs
      PT0.000000012S       | 12ns
      PT12.345S            | 12.3s
      PT65S                | 1m 5s
      PT51H                | 2d 3h
      PT960H1S             | 40d 1s
      PT49H1M1S            | 2d 1h 1m 1s
      -PT51H               | -2d 3h
      PT0S                 | 0s
      """)
  void durationsInWordsOfUnits(String iso, String shown) {
    assertThat(Format.duration(Duration.parse(iso))).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      PT51H30M15S  | 2d 3h
      PT29M        | 29m
      -PT49H       | expired 2 days ago
      -PT24H       | expired 1 day ago
      -PT5H59M     | expired 5 hours ago
      -PT3M        | expired 3 minutes ago
      -PT1S        | expired 1 second ago
      -PT0.2S      | expired just now
      """)
  void timeLeftSaysWhenItExpired(String iso, String shown) {
    assertThat(Format.timeLeft(Duration.parse(iso))).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      512        | true  | 512 B
      1536       | true  | 1.5 KiB
      12897484   | true  | 12.3 MiB
      1073741824 | true  | 1 GiB
      2000000    | false | 2 MB
      999        | false | 999 B
      """)
  void sizesInBinaryOrDecimalUnits(long bytes, boolean binary, String shown) {
    assertThat(Format.size(bytes, binary)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      1.2     | 1.2s
      0.25    | 250ms
      93784   | 1d 2h 3m 4s
      """)
  void secondsAsDurations(double seconds, String shown) {
    assertThat(Format.seconds(seconds)).isEqualTo(shown);
  }
}
