package dev.golive.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.golive.config.DeploymentDetection;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads a version out of a probe's evidence with a path such as {@code [BODY].version} (JSON in the body) or
 * {@code [LABELS].version} (a {@code build_info} label). Stateless.
 */
public final class VersionPath {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_VERSION = 200;

  private VersionPath() {}

  /** The version as text, or null when the path finds no scalar. Never throws. */
  public static String extract(String path, Map<String, Object> observed) {
    Matcher m = DeploymentDetection.PATH.matcher(path.trim());
    if (!m.matches()) return null;
    Object v = observed.get(m.group(1));
    String[] keys = m.group(2).isEmpty() ? new String[0] : m.group(2).substring(1).split("\\.");
    try {
      JsonNode node = v instanceof String s && keys.length > 0 ? JSON.readTree(s) : JSON.valueToTree(v);
      for (String k : keys) {
        if (node == null) return null;
        node = node.isArray() && k.matches("\\d+") ? node.get(Integer.parseInt(k)) : node.get(k);
      }
      if (node == null || node.isNull() || node.isContainerNode() || node.isMissingNode()) return null;
      String text = node.asText().trim();
      return text.isEmpty() || text.length() > MAX_VERSION ? null : text;
    } catch (Exception e) {
      return null;
    }
  }
}
