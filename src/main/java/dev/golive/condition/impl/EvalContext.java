package dev.golive.condition.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.condition.Observation;

/**
 * One evaluation: the observation and the JSON parsed from its text values. Each text is parsed at most once per
 * observation, shared by all conditions evaluated against the same {@link Observation} instance.
 */
final class EvalContext {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Text that is not JSON; {@code reason} is user-facing. */
  record NotJson(String reason) {}

  final Observation observation;
  final Display display;

  EvalContext(Observation observation) {
    this(observation, Display.PLAIN);
  }

  EvalContext(Observation observation, Display display) {
    this.observation = observation;
    this.display = display;
  }

  /** The JSON value of {@code text} (Map, List, String, Number, Boolean or {@link Values#NULL}), or a NotJson. */
  Object json(String placeholder, String text) {
    return observation.derived(placeholder, p -> parse(p, text));
  }

  private static Object parse(String placeholder, String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) return new NotJson("[" + placeholder + "] is empty, not JSON");
    try {
      Object v = MAPPER.readValue(trimmed, Object.class);
      return v == null ? Values.NULL : v;
    } catch (StreamConstraintsException e) {
      return new NotJson("[" + placeholder + "] is JSON too large or too deeply nested to read");
    } catch (JsonProcessingException | RuntimeException e) {
      String start = trimmed.length() > 30 ? trimmed.substring(0, 30) + "..." : trimmed;
      return new NotJson("[" + placeholder + "] is not JSON: starts with '" + start.replace("\n", "\\n") + "'");
    }
  }
}
