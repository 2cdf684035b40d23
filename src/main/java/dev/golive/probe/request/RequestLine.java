package dev.golive.probe.request;

import dev.golive.config.ConfigNode;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request as users write it, {@code "GET /api/admin/roles"}: a method and a path (with optional query). */
public record RequestLine(HttpMethod method, String target) {
  public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Pattern LINE = Pattern.compile("\\s*([A-Za-z]+)\\s+(\\S+)\\s*");

  /** Parses a request line; throws {@link IllegalArgumentException} saying what is accepted. */
  public static RequestLine parse(String text) {
    Matcher m = LINE.matcher(text == null ? "" : text);
    String expected = " (expected \"METHOD /path\" with METHOD one of " + String.join(", ", METHODS) + ")";
    if (!m.matches()) throw new IllegalArgumentException("bad request line '" + text + "'" + expected);
    String method = m.group(1).toUpperCase();
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unknown method '" + m.group(1) + "' in request line '" + text + "'" + expected);
    }
    String target = m.group(2);
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("request path must start with '/', got '" + target + "'");
    }
    return new RequestLine(HttpMethod.valueOf(method), target);
  }

  /** Reads the request line at {@code n.key}, reporting a problem at that node; null when missing or bad. */
  public static RequestLine read(ConfigNode n, String key) {
    return n.required(key).map(r -> {
      try {
        return parse(r.asString());
      } catch (IllegalArgumentException e) {
        r.problem(e.getMessage());
        return null;
      }
    }).orElse(null);
  }

  @Override
  public String toString() {
    return method.name() + " " + target;
  }
}
