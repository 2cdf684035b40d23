package dev.golive.probe.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The redirect chain of one run with {@code follow-redirects}: where the next hop goes, with which method, and when
 * the chain must stop as a failure (a loop, more hops than {@code max-redirects}, a Location that is no http(s) URL).
 * Methods follow browsers: 303 turns anything but HEAD into GET, 301/302 turn POST into GET, 307/308 keep the method
 * and body. Not thread-safe: one per run.
 */
final class Redirects {
  /** The next hop, or why the chain fails ({@code failure} set, the rest null). */
  record Next(URI url, String method, boolean keepsBody, String failure) {}

  private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
  private static final int SHOWN = 6;

  private final URI first;
  private final int max;
  private final List<String> chain = new ArrayList<>();
  private final Set<String> visited = new HashSet<>();

  Redirects(URI first, int max) {
    this.first = first;
    this.max = max;
    chain.add(first.toString());
  }

  /** True when {@code target} has the first URL's scheme, host and port: credentials may go there. */
  boolean sameOrigin(URI target) {
    return origin(target).equals(origin(first));
  }

  /** Null when the response is no redirect to follow (not 301/302/303/307/308, or no Location). */
  Next next(URI current, String method, int status, String location) {
    if (!STATUSES.contains(status) || location == null || location.isBlank()) return null;
    visited.add(method + " " + current);
    URI target;
    try {
      target = current.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return failure("redirect from " + current + " to '" + location + "', which is not a valid URL");
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
      return failure("redirect from " + current + " to '" + location + "', which is not an http(s) URL");
    }
    boolean keep = status == 307 || status == 308;
    String next = keep || method.equals("HEAD") || status != 303 && !method.equals("POST") ? method : "GET";
    chain.add(target.toString());
    if (visited.contains(next + " " + target)) return failure("redirect loop: " + shown());
    if (chain.size() - 1 > max) return failure("more than " + max + " redirects (max-redirects): " + shown());
    return new Next(target, next, next.equals(method), null);
  }

  private static Next failure(String why) {
    return new Next(null, null, false, why);
  }

  private String shown() {
    if (chain.size() <= SHOWN) return String.join(" -> ", chain);
    return String.join(" -> ", chain.subList(0, SHOWN - 2)) + " -> ... -> "
        + String.join(" -> ", chain.subList(chain.size() - 2, chain.size()));
  }

  private static String origin(URI u) {
    return (u.getScheme() + "://" + u.getHost() + ":" + HttpObserver.port(u)).toLowerCase(Locale.ROOT);
  }
}
