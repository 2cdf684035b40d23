package dev.golive.config;

import java.time.Duration;
import java.util.List;

/**
 * A span after a deployment ({@code from..until}) with items that must hold throughout it; a hold item that breaks
 * inside it is an alert of {@code holdSeverity} (default {@code warning}).
 */
public record WindowConfig(String name, Duration from, Duration until, List<String> holdItemIds,
    String holdSeverity) {
  public WindowConfig {
    holdItemIds = List.copyOf(holdItemIds);
  }

  public WindowConfig(String name, Duration from, Duration until, List<String> holdItemIds) {
    this(name, from, until, holdItemIds, "warning");
  }
}
