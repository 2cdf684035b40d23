package dev.golive.rollout;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.DeclaredState;
import dev.golive.condition.Condition;
import dev.golive.condition.Observation;
import dev.golive.config.ConfigNode;
import dev.golive.config.Defaults;
import dev.golive.config.DeploymentDetection;
import dev.golive.config.Location;
import dev.golive.config.PlanConfig;
import dev.golive.config.ProbeConfig;
import dev.golive.config.TriggerConfig;
import dev.golive.config.WindowConfig;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plan whose probes observe what the test sets: {@code errors} observes {@code [VALUE]} (a String makes the
 * observation fail with that message, null observes nothing); {@code health} observes {@code [STATUS]} and
 * {@code [BODY]} ({@code {"version": ...}}) and ticks {@code GO-001}; {@code db} observes {@code [STATUS]}.
 */
final class ValuePlan {
  final AtomicReference<Object> value = new AtomicReference<>(0.0);
  final AtomicReference<Object> status = new AtomicReference<>(200);
  final AtomicReference<Object> dbStatus = new AtomicReference<>(200);
  final AtomicReference<String> version = new AtomicReference<>("1.0.0");
  final PlanConfig config;

  ValuePlan(String name, List<WindowConfig> windows, List<TriggerConfig> triggers, DeploymentDetection detection) {
    Checklist checklist = new Checklist("checklist.md", "# Launch\n- [ ] GO-001 All endpoints responding\n", List.of(
        new ChecklistItem("GO-001", List.of("Launch"), "All endpoints responding", DeclaredState.UNCHECKED, 2, 1,
            null)), List.of());
    ProbeConfig errors = probe("errors", new Kind(() -> value.get() instanceof String s ? s : null,
        () -> value.get() == null ? Map.of() : Map.of("VALUE", value.get())), List.of(), List.of());
    ProbeConfig health = probe("health", new Kind(() -> status.get() instanceof String s ? s : null,
        () -> Map.of("STATUS", status.get(), "BODY", "{\"version\": \"" + version.get() + "\"}")),
        List.of(cond("[STATUS] == 200")), List.of("GO-001"));
    ProbeConfig db = probe("db", new Kind(() -> null, () -> Map.of("STATUS", dbStatus.get())),
        List.of(cond("[STATUS] == 200")), List.of());
    config = new PlanConfig(name, Path.of("."), checklist, Defaults.STANDARD, List.of(errors, health, db), List.of(),
        windows, triggers, List.of(), detection);
  }

  static Condition cond(String text) {
    try {
      return Condition.parse(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static TriggerConfig trigger(String id, String probe, String fire, String resolve, int forCount, String noData,
      boolean dryRun, Double floor, String... windows) {
    return new TriggerConfig(id, probe, List.of(windows), cond(fire), resolve == null ? null : cond(resolve), forCount,
        "critical", noData, dryRun, floor, List.of(), 0);
  }

  static WindowConfig window(String name, Duration until, String... hold) {
    return new WindowConfig(name, Duration.ZERO, until, List.of(hold));
  }

  private static ProbeConfig probe(String id, Kind kind, List<Condition> conditions, List<String> ticks) {
    return new ProbeConfig(id, kind, kind, conditions, Duration.ofHours(1), Duration.ofSeconds(10), ticks, true,
        Location.of("golive.yaml"));
  }

  interface Values {
    Map<String, Object> get();
  }

  interface Error {
    String get();
  }

  static final class Kind implements ProbeKind<Kind> {
    final Error error;
    final Values values;

    Kind(Error error, Values values) {
      this.error = error;
      this.values = values;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Set<String> placeholders() {
      return Set.of("VALUE", "STATUS", "BODY");
    }

    @Override
    public Kind parse(ConfigNode block) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> defaultConditions(Kind spec) {
      return List.of();
    }

    @Override
    public Observer observer(Kind spec, ProbeEnvironment env, Duration timeout) {
      return () -> {
        String e = error.get();
        if (e != null) return Future.failedFuture(e);
        Observation.Builder b = Observation.builder();
        values.get().forEach(b::put);
        return Future.succeededFuture(b.build());
      };
    }
  }
}
