package dev.golive.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * One state change of a rollback trigger, or of a hold item that broke inside its window, as on-call sees it.
 * {@link #dedupKey()} is the same for the firing and the resolve of one incident (plan + deployment + trigger, or
 * {@code hold/<item>}), so receivers open one incident and close it.
 *
 * @param trigger the trigger id, or {@code hold/<item>} for a hold item (see {@link #hold})
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

  /** The {@link #trigger()} of a hold item's alert; trigger ids cannot contain '/'. */
  public static final String HOLD_PREFIX = "hold/";

  /** The trigger name of a hold item's alert. */
  public static String hold(String itemId) {
    return HOLD_PREFIX + itemId;
  }

  /** The hold item this alert is about, or null for a rollback trigger's alert. */
  public String holdItem() {
    return trigger != null && trigger.startsWith(HOLD_PREFIX) ? trigger.substring(HOLD_PREFIX.length()) : null;
  }

  /** Stable per incident: the same for firing and resolve, different for each deployment. */
  public String dedupKey() {
    return "golive/" + plan + "/" + deploymentId + "/" + trigger;
  }

  /** Time since the deployment at the moment of this change. */
  public Duration sinceDeploy() {
    return deployedAt == null ? Duration.ZERO : Duration.between(deployedAt, at);
  }
}
