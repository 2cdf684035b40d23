package dev.golive.config;

import dev.golive.checklist.ChecklistItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code gates:}; each gate names items by id or text, by section, or by the probes that tick them. */
final class GateReader {
  private GateReader() {}

  static List<GateConfig> readAll(Optional<ConfigNode> list, ReferenceResolver refs, List<ProbeConfig> probes) {
    List<GateConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode n : list.map(ConfigNode::elements).orElse(List.of())) {
      if (!n.expectMap()) continue;
      n.allowOnly("id", "name", "required", "items", "sections", "probes");
      String id = n.requiredString("id");
      if (id == null) continue;
      if (!ids.add(id)) n.get("id").get().problem("gate id '" + id + "' is used twice");
      List<String> items = new ArrayList<>(refs.items(n.get("items")));
      for (ConfigNode s : n.get("sections").map(ConfigNode::elements).orElse(List.of())) {
        List<ChecklistItem> inSection = refs.checklist().inSection(String.valueOf(s.asString()));
        if (inSection.isEmpty()) s.problem("no section '" + s.asString() + "' with items in the checklist");
        inSection.stream().map(ChecklistItem::id).filter(i -> !items.contains(i)).forEach(items::add);
      }
      for (ConfigNode p : n.get("probes").map(ConfigNode::elements).orElse(List.of())) {
        String probeId = p.asString();
        Optional<ProbeConfig> probe = probes.stream().filter(c -> c.id().equals(probeId)).findFirst();
        if (probe.isEmpty()) p.problem("no probe '" + probeId + "'");
        probe.ifPresent(c -> c.ticks().stream().filter(i -> !items.contains(i)).forEach(items::add));
      }
      if (items.isEmpty()) n.problem("gate '" + id + "' has no items: give items, sections or probes");
      out.add(new GateConfig(id, n.string("name", id), n.bool("required", true), items));
    }
    return out;
  }
}
