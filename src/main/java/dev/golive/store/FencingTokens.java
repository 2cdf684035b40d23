package dev.golive.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plan leases this replica holds, each with its fencing token: the cluster loop changes it whenever it takes,
 * renews after expiry, loses, hands over or gives up a lease; the replica's store connections carry it to the
 * database ({@code golive.tokens}, a JSON object plan -> token), which refuses a plan's write unless the token is the
 * lease's current one. Each change bumps {@link #version()}, so a connection re-sends the map only when it changed.
 *
 * <p>Thread-safe: reads never block; changes are serialised.
 */
public final class FencingTokens {
  /** The map as JSON with the version it was taken at. */
  public record Snapshot(long version, String json) {}

  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot = new Snapshot(0, "{}");

  /** The token held for the plan, or null. */
  public Long get(String plan) {
    return tokens.get(plan);
  }

  public boolean holds(String plan) {
    return tokens.containsKey(plan);
  }

  /** A copy, plan -> token. */
  public Map<String, Long> all() {
    return Map.copyOf(tokens);
  }

  public synchronized void put(String plan, long token) {
    if (Long.valueOf(token).equals(tokens.put(plan, token))) return;
    publish();
  }

  public synchronized void remove(String plan) {
    if (tokens.remove(plan) != null) publish();
  }

  public synchronized void clear() {
    tokens.clear();
    publish();
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public long version() {
    return snapshot.version();
  }

  private void publish() {
    StringBuilder json = new StringBuilder("{");
    new TreeMap<>(tokens).forEach((plan, token) -> {
      if (json.length() > 1) json.append(',');
      json.append('"');
      for (char ch : plan.toCharArray()) {
        if (ch == '"' || ch == '\\') json.append('\\').append(ch);
        else if (ch < 0x20) json.append(String.format("\\u%04x", (int) ch));
        else json.append(ch);
      }
      json.append("\":").append(token);
    });
    snapshot = new Snapshot(snapshot.version() + 1, json.append('}').toString());
  }
}
