package dev.golive.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * One state change of a rollback trigger, as on-call sees it. {@link #dedupKey()} is the same for the firing and the
 * resolve of one incident (plan + deployment + trigger), so receivers open one incident and close it.
 *
 * @param observed the value that breached, as text with units ({@code 0.071}, {@code 1.2s})
 * @param threshold the condition as written ({@code [VALUE] > 0.05})
 * @param baseline the pre-deploy value when the condition names one, else null
 * @param evidenceUrl a link to the evidence in golive's API (absolute when a public URL is configured)
 */
public record Alert(
    String plan,
    String deploymentId,
    String version,
    String window,
    String trigger,
    String severity,
    Status status,
    String summary,
    String observed,
    String threshold,
    String baseline,
    Instant deployedAt,
    Instant at,
    String evidenceUrl) {

  public enum Status { FIRING, RESOLVED }

  /** Stable per incident: the same for firing and resolve, different for each deployment. */
  public String dedupKey() {
    return "golive/" + plan + "/" + deploymentId + "/" + trigger;
  }

  /** Time since the deployment at the moment of this change. */
  public Duration sinceDeploy() {
    return deployedAt == null ? Duration.ZERO : Duration.between(deployedAt, at);
  }
}
