package dev.golive.verdict;

import java.util.List;

/** A gate's verdict: passed when every item is done; {@code blocking} lists the items that are not, with states. */
public record GateStatus(String id, String name, boolean required, boolean passed, int items, List<String> blocking) {
  public GateStatus {
    blocking = List.copyOf(blocking);
  }
}
