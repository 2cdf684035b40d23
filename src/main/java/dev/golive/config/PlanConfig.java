package dev.golive.config;

import dev.golive.checklist.Checklist;
import java.nio.file.Path;
import java.util.List;
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
    DeploymentDetection deploymentDetection) {

  public PlanConfig {
    probes = List.copyOf(probes);
    gates = List.copyOf(gates);
    windows = List.copyOf(windows);
    triggers = List.copyOf(triggers);
    notifiers = List.copyOf(notifiers);
  }

  /** A plan without deployment detection. */
  public PlanConfig(String name, Path directory, Checklist checklist, Defaults defaults, List<ProbeConfig> probes,
      List<GateConfig> gates, List<WindowConfig> windows, List<TriggerConfig> triggers,
      List<NotifierConfig> notifiers) {
    this(name, directory, checklist, defaults, probes, gates, windows, triggers, notifiers, null);
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
