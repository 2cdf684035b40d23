package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "24h,PT24H", "7d,PT168H", "1w,PT168H", "1h30m,PT1H30M",
      "1.5h,PT1H30M"})
  void parsesWhatSresWrite(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "5 minutes", "1y", "-5s", "s"})
  void rejectsOtherSpellingsAndSaysWhatIsAccepted(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e.g. 500ms, 30s");
  }

  @ParameterizedTest
  @CsvSource({"PT1M30S,1m30s", "PT0S,0s", "PT0.25S,250ms", "PT49H,2d1h"})
  void formatsTheShortestExactSpelling(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"30s,true", "' 1h30m ',true", "1.5h,true", "500ms,true", "30,false", "s,false", "ok,false", "'',false",
      "30 s,false", "abc30s,false", "30sx,false", "-5m,false"})
  void looksLikeDurationOnlyForWholeSpellings(String text, boolean expected) {
    assertThat(Durations.looksLikeDuration(text)).as(text).isEqualTo(expected);
  }
}
