package dev.golive.condition.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalContextTest {

  @Test
  void jsonIsParsedOncePerObservationAndSharedByItsConditions() {
    Observation o = Observation.builder().put("BODY", "{\"a\": [1, 2]}").build();
    Object first = new EvalContext(o).json("BODY", "{\"a\": [1, 2]}");
    Object second = new EvalContext(o).json("BODY", "{\"a\": [1, 2]}");
    assertThat(first).isInstanceOf(Map.class).isSameAs(second);

    Observation other = Observation.builder().put("BODY", "{\"a\": [1, 2]}").build();
    assertThat(new EvalContext(other).json("BODY", "{\"a\": [1, 2]}")).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void nonJsonSaysWhatItStartsWith() {
    Object r = new EvalContext(Observation.empty()).json("X", "<html><body>Service Unavailable</body></html>");
    assertThat(r).isEqualTo(new EvalContext.NotJson("[X] is not JSON: starts with '<html><body>Service Unavailabl...'"));
  }

  @Test
  void tooDeepJsonIsReportedAsSuch() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    Object r = new EvalContext(Observation.builder().put("D", deep).build()).json("D", deep);
    assertThat(r).isEqualTo(new EvalContext.NotJson("[D] is JSON too large or too deeply nested to read"));
  }
}
