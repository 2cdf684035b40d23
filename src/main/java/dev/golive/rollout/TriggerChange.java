package dev.golive.rollout;

import java.time.Instant;

/**
 * One evaluation that changed a trigger's state (or its count of consecutive breaches), with the values behind it.
 * Stored in order; the newest row of a trigger is its state after a restart.
 *
 * @param from state before: {@code ok}, {@code pending} or {@code firing}
 * @param observed the condition as evaluated, with observed values in place
 * @param threshold the condition as written
 * @param baseline the baseline used, or null
 * @param window the open window during the evaluation, or null
 */
public record TriggerChange(String plan, String deploymentId, String trigger, Instant at, String from, String to,
    int consecutive, String observed, String threshold, String baseline, String window, String note,
    boolean dryRun) {}
