package dev.golive.daemon;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.DeclaredState;
import dev.golive.condition.Condition;
import dev.golive.condition.ConditionResult;
import dev.golive.condition.Observation;
import dev.golive.config.ConfigNode;
import dev.golive.config.Defaults;
import dev.golive.config.GateConfig;
import dev.golive.config.Location;
import dev.golive.config.PlanConfig;
import dev.golive.config.ProbeConfig;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plan for runtime and API tests whose one probe reports whatever the test sets: {@code health} ticks
 * {@code GO-001} (unclaimed) and {@code GO-002} (claimed {@code [x]}); {@code rollback-plan} has no probe.
 */
public final class ScriptedPlan {
  /** What the scripted probe observes next: a status code, or an error message when the observation fails. */
  public final AtomicReference<Object> next = new AtomicReference<>(200);
  public final PlanConfig config;

  public ScriptedPlan(String name) {
    Checklist checklist = new Checklist("checklist.md", "# Launch\n- [ ] GO-001 Health check returns 200\n"
        + "- [x] GO-002 API answers\n- [ ] Rollback plan documented\n", List.of(
        new ChecklistItem("GO-001", List.of("Launch"), "Health check returns 200", DeclaredState.UNCHECKED, 2, 1, null),
        new ChecklistItem("GO-002", List.of("Launch"), "API answers", DeclaredState.CHECKED, 3, 1, null),
        new ChecklistItem("rollback-plan", List.of("Launch"), "Rollback plan documented", DeclaredState.UNCHECKED, 4,
            1, null)), List.of());
    ProbeConfig health = new ProbeConfig("health", new Kind(), next, List.of(new StatusIs200()), Duration.ofSeconds(30),
        Duration.ofSeconds(2), List.of("GO-001", "GO-002"), true, Location.of("golive.yaml"));
    config = new PlanConfig(name, Path.of("."), checklist, Defaults.STANDARD, List.of(health),
        List.of(new GateConfig("launch", "Launch", true, List.of("GO-001", "GO-002", "rollback-plan"))), List.of(),
        List.of(), List.of());
  }

  /**
   * A runtime of this plan on a new context of {@code vertx}, storing in {@code store}, with the daemon's named
   * pools ({@code golive-blocking}, {@code golive-store}); not yet restored.
   */
  public PlanRuntime runtime(io.vertx.core.Vertx vertx, dev.golive.store.Store store) {
    ProbeEnvironment env = new ProbeEnvironment(vertx, vertx.createSharedWorkerExecutor("golive-blocking", 2),
        dev.golive.config.Secrets.of(java.util.Map.of()));
    return new PlanRuntime(config, vertx.getOrCreateContext(), store,
        vertx.createSharedWorkerExecutor("golive-store", 2), env);
  }

  /** Observes {@code STATUS} from the shared reference; a String fails the observation with that message. */
  static final class Kind implements ProbeKind<AtomicReference<Object>> {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Set<String> placeholders() {
      return Set.of("STATUS");
    }

    @Override
    public AtomicReference<Object> parse(ConfigNode block) {
      throw new UnsupportedOperationException("built in code, not parsed");
    }

    @Override
    public List<String> defaultConditions(AtomicReference<Object> spec) {
      return List.of();
    }

    @Override
    public Observer observer(AtomicReference<Object> spec, ProbeEnvironment env, Duration timeout) {
      return () -> spec.get() instanceof String error ? Future.failedFuture(error)
          : Future.succeededFuture(Observation.builder().put("STATUS", spec.get()).build());
    }
  }

  static final class StatusIs200 implements Condition {
    @Override
    public String text() {
      return "[STATUS] == 200";
    }

    @Override
    public Set<String> placeholders() {
      return Set.of("STATUS");
    }

    @Override
    public ConditionResult evaluate(Observation o) {
      Object status = o.get("STATUS").orElse(null);
      String explanation = "[STATUS] (" + status + ") == 200";
      return Integer.valueOf(200).equals(status) ? ConditionResult.passed(text(), explanation)
          : ConditionResult.failed(text(), explanation);
    }
  }
}
