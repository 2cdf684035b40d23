package dev.golive.plans;

import dev.golive.checklist.ChecklistItem;
import dev.golive.condition.ConditionResult;
import dev.golive.config.ConfigException;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.ProbeConfig;
import dev.golive.config.Secrets;
import dev.golive.daemon.CheckRun;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.GateStatus;
import dev.golive.verdict.ItemState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads a plan under {@code probes/<name>} the way {@code golive check} does (PlanLoader with {@link Secrets#of} over
 * the given environment) and runs it with {@link CheckRun}, for the end-to-end tests of the real plans and the README
 * table. Blocking; for tests only.
 *
 * <pre>{@code
 * PlanHarness h = PlanHarness.load("bizone-web", Map.of("BIZONE_URL", standIn.url()));
 * PlanHarness.Result r = h.check();
 * assertThat(r.failingItems()).isEmpty();
 * }</pre>
 */
public final class PlanHarness {
  /** Where the plans live, relative to the project root (Maven's working directory). */
  public static final Path PLANS = Path.of("probes");

  /** Evidence that says which claim broke, shown after the failed conditions (when observed and not empty). */
  static final List<String> DETAIL_KEYS = List.of("VIOLATIONS", "LEAKS", "MISSING", "FAILED_STEP", "STEPS",
      "CHAIN_ERROR", "INTEGRITY_DETAIL", "UNEXPECTED_OPEN", "UNEXPECTED_CLOSED", "FILE");

  private final PlanConfig plan;
  private final Secrets secrets;

  private PlanHarness(PlanConfig plan, Secrets secrets) {
    this.plan = plan;
    this.secrets = secrets;
  }

  /** Loads {@code probes/<plan>}; {@code ${env:..}} and {@code ${var:..}} are answered from {@code env}. */
  public static PlanHarness load(String plan, Map<String, String> env) {
    return load(PLANS.resolve(plan), env);
  }

  /** Loads the plan folder {@code dir}; a config problem fails with every {@code file:line:col: message}. */
  public static PlanHarness load(Path dir, Map<String, String> env) {
    Secrets secrets = Secrets.of(env);
    try {
      return new PlanHarness(PlanLoader.load(dir, secrets), secrets);
    } catch (ConfigException e) {
      throw new IllegalStateException("plan " + dir + " does not load:\n" + e.getMessage(), e);
    }
  }

  /**
   * Loads {@code probes/<plan>} without a stand-in, to count and review it: every {@code ${env:NAME}} of its
   * golive.yaml gets a placeholder value, {@code ${var:..}} settings keep their defaults.
   */
  public static PlanHarness loadOffline(Path dir) {
    Map<String, String> env = new java.util.HashMap<>();
    try {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{env:([^}]+)}")
          .matcher(java.nio.file.Files.readString(dir.resolve(PlanLoader.PLAN_FILE)));
      while (m.find()) env.put(m.group(1).trim(), "https://placeholder.invalid/" + m.group(1).trim());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return load(dir, env);
  }

  public PlanConfig plan() {
    return plan;
  }

  public Secrets secrets() {
    return secrets;
  }

  /** Item ids ticked by at least one probe, in checklist order. */
  public List<String> probedItems() {
    Set<String> ticked = plan.probes().stream().flatMap(p -> p.ticks().stream()).collect(Collectors.toSet());
    return plan.checklist().items().stream().map(ChecklistItem::id).filter(ticked::contains).toList();
  }

  /** Items neither ticked by a probe nor listed under {@code manual:} with a reason (the plan review rule). */
  public List<String> unaccountedItems() {
    Set<String> probed = Set.copyOf(probedItems());
    return plan.checklist().items().stream().map(ChecklistItem::id)
        .filter(id -> !probed.contains(id) && !plan.manualReasons().containsKey(id)).toList();
  }

  /** The numbers of the README plans table. */
  public Counts counts() {
    return new Counts(plan.checklist().items().size(), probedItems().size(), plan.manualReasons().size(),
        plan.gates().size(), plan.windows().size(), plan.triggers().size());
  }

  /**
   * Runs every probe {@code passes-to-tick + failures-to-regress} rounds: enough to tick passing items even when a
   * slow first round (a loaded CI machine) missed a response-time bound, and to contradict failing ones.
   */
  public Result check() {
    return check(plan.defaults().passesToTick() + plan.defaults().failuresToRegress());
  }

  /** Runs every probe {@code rounds} times in a row. */
  public Result check(int rounds) {
    try {
      return new Result(CheckRun.run(List.of(plan), secrets, rounds).get(0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Items total, items ticked by probes, items listed manual with a reason, gates, windows, triggers. */
  public record Counts(int items, int probed, int manual, int gates, int windows, int triggers) {}

  /** The outcome of one {@link #check()}. */
  public static final class Result {
    private final PlanRuntime runtime;

    Result(PlanRuntime runtime) {
      this.runtime = runtime;
    }

    public PlanRuntime runtime() {
      return runtime;
    }

    public ItemState state(String itemId) {
      var v = runtime.items().get(itemId);
      if (v == null) throw new IllegalArgumentException("no item " + itemId + " in plan " + runtime.name());
      return v.state();
    }

    /** Item id to state, sorted by id. */
    public Map<String, ItemState> states() {
      Map<String, ItemState> out = new TreeMap<>();
      runtime.items().forEach((id, v) -> out.put(id, v.state()));
      return out;
    }

    /** Probed items that are not done (pending, passing, failing, regressed, contradicted), sorted. */
    public Set<String> notDoneProbedItems() {
      Set<String> out = new java.util.TreeSet<>();
      runtime.items().forEach((id, v) -> {
        if (!runtime.probesOf(id).isEmpty() && v.state() != ItemState.DONE) out.add(id);
      });
      return out;
    }

    /** Items whose probes proved a failure: failing, regressed or contradicted; sorted. */
    public Set<String> failingItems() {
      Set<String> out = new java.util.TreeSet<>();
      runtime.items().forEach((id, v) -> {
        if (v.state() == ItemState.FAILING || v.state() == ItemState.REGRESSED
            || v.state() == ItemState.CONTRADICTED) out.add(id);
      });
      return out;
    }

    /** Why the item's probes did not pass: {@code probe: explanation} per failing probe, or "" when they all pass. */
    public String explanation(String itemId) {
      List<String> parts = new ArrayList<>();
      for (String probeId : runtime.probesOf(itemId)) {
        ProbeResult r = runtime.lastResults().get(probeId);
        if (r == null) {
          parts.add(probeId + ": no result");
        } else if (!r.success()) {
          Set<String> why = new LinkedHashSet<>();
          if (r.error() != null) why.add(r.error());
          r.conditions().stream().filter(c -> !c.passed()).map(ConditionResult::explanation).forEach(why::add);
          for (String key : DETAIL_KEYS) {
            Object v = r.observed().get(key);
            if (v != null && !(v instanceof java.util.Collection<?> c && c.isEmpty()) && !"".equals(v)) {
              why.add(key + ": " + v);
            }
          }
          parts.add(probeId + ": " + String.join("; ", why));
        }
      }
      return String.join(" | ", parts);
    }

    /** Every probe's last result as text (evidence, explanations, errors): for asserting that no secret leaks. */
    public String evidenceText() {
      return runtime.lastResults().values().stream().map(ProbeResult::toString).collect(Collectors.joining("\n"));
    }

    /** The last result of a probe, or null when it never ran. */
    public ProbeResult result(String probeId) {
      return runtime.lastResults().get(probeId);
    }

    public GateStatus gate(String gateId) {
      return runtime.verdict().gates().stream().filter(g -> g.id().equals(gateId)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no gate " + gateId + " in plan " + runtime.name()));
    }

    public boolean gatePassed(String gateId) {
      return gate(gateId).passed();
    }

    /** The Go/No-Go: every required gate passed. */
    public boolean go() {
      return runtime.verdict().go();
    }

    /** Ids of the probes ticking an item (for messages). */
    public List<String> probesOf(String itemId) {
      return runtime.probesOf(itemId);
    }

    /** A readable dump of every non-done probed item with its explanation, for assertion messages. */
    public String describe() {
      return notDoneProbedItems().stream().map(id -> id + " [" + state(id).label() + "] " + explanation(id))
          .collect(Collectors.joining("\n"));
    }
  }

  /** Unused: keeps the probe config type visible to callers that inspect {@link #plan()}. */
  static List<String> probeIds(PlanConfig plan) {
    return plan.probes().stream().map(ProbeConfig::id).toList();
  }
}
