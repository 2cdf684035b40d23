package dev.golive.config;

import java.util.List;

/** A named group of items that must all be done; required gates make the plan's Go/No-Go. */
public record GateConfig(String id, String name, boolean required, List<String> itemIds) {
  public GateConfig {
    itemIds = List.copyOf(itemIds);
  }
}
