package dev.golive.alert.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replaces a receiver's secrets (and the secret parts of its URL) by {@code ****}. Immutable. */
final class Redactor {
  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** {@code values} are secret outright; for each of {@code secretUrls}, the whole URL and its path and query too. */
  static Redactor of(List<String> values, List<String> secretUrls) {
    List<String> all = new ArrayList<>();
    for (String v : values) if (v != null && v.length() >= 3) all.add(v);
    for (String u : secretUrls) {
      if (u == null || u.length() < 3) continue;
      all.add(u);
      try {
        URI uri = URI.create(u);
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) all.add(uri.getRawPath());
        if (uri.getRawQuery() != null && uri.getRawQuery().length() >= 3) all.add(uri.getRawQuery());
      } catch (IllegalArgumentException ignored) {
        // the whole URL is redacted anyway
      }
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(all));
  }

  String redact(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) if (out.contains(s)) out = out.replace(s, "****");
    return out;
  }
}
