package dev.golive.probe.request;

import dev.golive.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;

/** Accepted HTTP statuses as users write them: {@code [401, 403]}, {@code 200}, {@code 2xx}. Immutable. */
public record StatusSet(List<String> patterns) {
  public StatusSet {
    patterns = List.copyOf(patterns);
  }

  /** Any 2xx or 3xx status. */
  public static final StatusSet SUCCESS = new StatusSet(List.of("2xx", "3xx"));

  public boolean matches(int status) {
    String s = Integer.toString(status);
    for (String p : patterns) {
      if (p.length() == 3 && p.endsWith("xx") ? s.charAt(0) == p.charAt(0) : p.equals(s)) return true;
    }
    return false;
  }

  /** {@code 403}, {@code 401 or 403}, {@code 2xx or 3xx}. */
  public String describe() {
    if (patterns.size() == 1) return patterns.get(0);
    return String.join(", ", patterns.subList(0, patterns.size() - 1)) + " or " + patterns.get(patterns.size() - 1);
  }

  /** Reads one status or a list of them from {@code n} (codes 100-599 or classes 1xx-5xx); null after problems. */
  public static StatusSet read(ConfigNode n) {
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (ConfigNode e : n.elements()) {
      String text = e.asString();
      String t = text == null ? "" : text.trim().toLowerCase();
      if (t.matches("[1-5]\\d\\d") || t.matches("[1-5]xx")) {
        out.add(t);
      } else {
        e.problem("expected an HTTP status such as 200 or 403, or a class such as 2xx, got '" + text + "'");
        ok = false;
      }
    }
    if (ok && out.isEmpty()) {
      n.problem("expected at least one HTTP status");
      return null;
    }
    return ok ? new StatusSet(out) : null;
  }

  @Override
  public String toString() {
    return describe();
  }
}
