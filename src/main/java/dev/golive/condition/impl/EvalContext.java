package dev.golive.condition.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.condition.Observation;
import java.util.HashMap;
import java.util.Map;

/** One evaluation: the observation and the JSON parsed from its text values, parsed at most once each. */
final class EvalContext {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Text that is not JSON; {@code reason} is user-facing. */
  record NotJson(String reason) {}

  final Observation observation;
  private final Map<String, Object> parsed = new HashMap<>();

  EvalContext(Observation observation) {
    this.observation = observation;
  }

  /** The JSON value of {@code text} (Map, List, String, Number, Boolean or {@link Values#NULL}), or a NotJson. */
  Object json(String placeholder, String text) {
    return parsed.computeIfAbsent(placeholder, p -> parse(p, text));
  }

  private static Object parse(String placeholder, String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) return new NotJson("[" + placeholder + "] is empty, not JSON");
    try {
      Object v = MAPPER.readValue(trimmed, Object.class);
      return v == null ? Values.NULL : v;
    } catch (JsonProcessingException | RuntimeException e) {
      String start = trimmed.length() > 30 ? trimmed.substring(0, 30) + "..." : trimmed;
      return new NotJson("[" + placeholder + "] is not JSON: starts with '" + start.replace("\n", "\\n") + "'");
    }
  }
}
