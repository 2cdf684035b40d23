package dev.golive.probe.request;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A simple path into parsed JSON: {@code data.rows}, {@code items[0].tenant}, {@code [2]}; empty means the root. */
public record JsonPath(String text, List<Object> steps) {
  private static final Pattern STEP = Pattern.compile("\\.?([^.\\[\\]]+)|\\[(\\d+)]");

  public JsonPath {
    steps = List.copyOf(steps);
  }

  /** Parses a path; throws {@link IllegalArgumentException} for text that is not one. */
  public static JsonPath parse(String text) {
    String t = text == null ? "" : text.trim();
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(t);
    int at = 0;
    while (at < t.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("bad JSON path '" + text + "' (expected e.g. data.rows or items[0].id)");
      }
      steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
      at = m.end();
    }
    return new JsonPath(t, steps);
  }

  /** The value at this path in {@code root} (a JsonObject, JsonArray or scalar), or empty when absent. */
  public Optional<Object> select(Object root) {
    Object at = root;
    for (Object step : steps) {
      if (step instanceof Integer i && at instanceof JsonArray a && i < a.size()) {
        at = a.getValue(i);
      } else if (step instanceof String k && at instanceof JsonObject o && o.containsKey(k)) {
        at = o.getValue(k);
      } else {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(at);
  }

  /** Parses JSON text into a JsonObject, JsonArray or scalar; throws {@link IllegalArgumentException} if not JSON. */
  public static Object parseJson(String body) {
    try {
      return Json.decodeValue(body == null ? "" : body);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("response body is not JSON");
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
