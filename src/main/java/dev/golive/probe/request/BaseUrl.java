package dev.golive.probe.request;

import dev.golive.config.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;

/** The {@code url} that request paths are relative to: absolute http(s), without a trailing slash. */
public record BaseUrl(String url) {

  /** Reads a required absolute http(s) URL at {@code n.key}; reports a problem and returns null otherwise. */
  public static BaseUrl read(ConfigNode n, String key) {
    return n.required(key).map(node -> {
      String text = node.asString();
      if (text == null) return null;
      try {
        URI uri = new URI(text.trim());
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
            || uri.getHost() == null) {
          node.problem("expected an absolute http:// or https:// URL, got '" + text + "'");
          return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
          node.problem("the base URL cannot have a query or fragment; put them in the request line");
          return null;
        }
        String s = text.trim();
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return new BaseUrl(s);
      } catch (URISyntaxException e) {
        node.problem("bad URL '" + text + "': " + e.getReason());
        return null;
      }
    }).orElse(null);
  }

  /** The absolute URL of a request target such as {@code /api/me?x=1}. */
  public String resolve(String target) {
    return url + (target.startsWith("/") ? target : "/" + target);
  }

  @Override
  public String toString() {
    return url;
  }
}
