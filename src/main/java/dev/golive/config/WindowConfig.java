package dev.golive.config;

import java.time.Duration;
import java.util.List;

/** A span after a deployment ({@code from..until}) with items that must hold throughout it. */
public record WindowConfig(String name, Duration from, Duration until, List<String> holdItemIds) {
  public WindowConfig {
    holdItemIds = List.copyOf(holdItemIds);
  }
}
