package dev.golive.daemon;

import dev.golive.verdict.ItemState;
import java.time.Instant;

/** An item's live state as readers see it; {@code since} is null before the first change. */
public record ItemView(ItemState state, Instant since) {}
