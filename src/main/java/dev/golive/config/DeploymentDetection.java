package dev.golive.config;

/**
 * Plan-level {@code deployments: { detect: { probe: health, version: "[BODY].version" } }}: a deployment is recorded
 * when the version this probe observes changes.
 *
 * @param version a placeholder with an optional key path: {@code [BODY].version}, {@code [LABELS].version}
 */
public record DeploymentDetection(String probeId, String version) {
  /** {@code [PLACEHOLDER]} then {@code .key} steps; group 1 is the placeholder, group 2 the path. */
  public static final java.util.regex.Pattern PATH =
      java.util.regex.Pattern.compile("\\[([A-Z_]+)]((?:\\.[A-Za-z0-9_-]+)*)");
}
