package dev.golive.config;

import dev.golive.checklist.Checklist;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service's go-live plan, loaded and validated in one place by {@link PlanLoader}. Immutable. */
public record PlanConfig(
    String name,
    Path directory,
    Checklist checklist,
    Defaults defaults,
    List<ProbeConfig> probes,
    List<GateConfig> gates,
    List<WindowConfig> windows,
    List<TriggerConfig> triggers,
    List<NotifierConfig> notifiers,
    DeploymentDetection deploymentDetection,
    Map<String, String> manualReasons) {

  /**
   * {@code manualReasons}: item id to the stated reason it is left to a person (the {@code manual:} key), in file
   * order.
   */
  public PlanConfig {
    manualReasons = Collections.unmodifiableMap(new LinkedHashMap<>(manualReasons));
    probes = List.copyOf(probes);
    gates = List.copyOf(gates);
    windows = List.copyOf(windows);
    triggers = List.copyOf(triggers);
    notifiers = List.copyOf(notifiers);
  }

  /** A plan without deployment detection and without stated manual reasons. */
  public PlanConfig(String name, Path directory, Checklist checklist, Defaults defaults, List<ProbeConfig> probes,
      List<GateConfig> gates, List<WindowConfig> windows, List<TriggerConfig> triggers,
      List<NotifierConfig> notifiers) {
    this(name, directory, checklist, defaults, probes, gates, windows, triggers, notifiers, null, Map.of());
  }

  /** A plan without stated manual reasons. */
  public PlanConfig(String name, Path directory, Checklist checklist, Defaults defaults, List<ProbeConfig> probes,
      List<GateConfig> gates, List<WindowConfig> windows, List<TriggerConfig> triggers,
      List<NotifierConfig> notifiers, DeploymentDetection deploymentDetection) {
    this(name, directory, checklist, defaults, probes, gates, windows, triggers, notifiers, deploymentDetection,
        Map.of());
  }

  /** How deployments are detected from a probe, if configured. */
  public Optional<DeploymentDetection> detection() {
    return Optional.ofNullable(deploymentDetection);
  }

  public Optional<ProbeConfig> probe(String id) {
    return probes.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The probes that tick the given item. */
  public List<ProbeConfig> probesTicking(String itemId) {
    return probes.stream().filter(p -> p.ticks().contains(itemId)).toList();
  }
}
