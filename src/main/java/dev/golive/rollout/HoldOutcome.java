package dev.golive.rollout;

import java.time.Instant;

/**
 * How a window's hold item ended: {@code held} (ticked at the window's end) or {@code broken} (failed at
 * {@link #at()}, the first break, with {@link #note()} saying what was observed).
 */
public record HoldOutcome(String window, String itemId, String outcome, Instant at, String note) {}
