package dev.golive.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who should own each plan: rendezvous (highest random weight) hashing with bounded load. Each plan ranks the live
 * replicas by a hash of (plan, replica) and goes to the best-ranked one that has fewer than ceil(plans / replicas)
 * plans. Every replica computes the same answer from the same plan names and live replica ids; when a replica joins
 * or leaves, only about 1/n of the plans move.
 */
final class Balance {
  private Balance() {}

  /** The desired owner of every plan (by name), or an empty map when no replica is live. */
  static Map<String, String> assign(List<String> plans, List<String> replicas) {
    Map<String, String> out = new LinkedHashMap<>();
    if (replicas.isEmpty()) return out;
    int cap = (plans.size() + replicas.size() - 1) / replicas.size();
    Map<String, Integer> load = new HashMap<>();
    for (String plan : new TreeSet<>(plans)) {
      List<String> ranked = new ArrayList<>(replicas);
      ranked.sort(Comparator.comparingLong((String r) -> weight(plan, r)).reversed().thenComparing(r -> r));
      for (String r : ranked) {
        if (load.getOrDefault(r, 0) < cap) {
          out.put(plan, r);
          load.merge(r, 1, Integer::sum);
          break;
        }
      }
    }
    return out;
  }

  static long weight(String plan, String replica) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((plan + "\n" + replica).getBytes(StandardCharsets.UTF_8));
      long w = 0;
      for (int i = 0; i < 8; i++) w = (w << 8) | (h[i] & 0xff);
      return w;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
