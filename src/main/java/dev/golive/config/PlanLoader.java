package dev.golive.config;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistLoader;
import dev.golive.checklist.InputLimitException;
import dev.golive.checklist.TextFile;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Loads plans: a folder with {@code golive.yaml} and the checklist it names. Every problem of every plan is
 * collected and thrown together as a {@link ConfigException} with {@code file:line:col} locations.
 */
public final class PlanLoader {
  public static final String PLAN_FILE = "golive.yaml";
  /** Largest {@code golive.yaml} read. */
  public static final int MAX_PLAN_BYTES = 256 * 1024;

  private PlanLoader() {}

  /**
   * Expands the given paths into plan folders: a folder holding {@code golive.yaml} is a plan; any other folder
   * contributes its immediate sub-folders that hold one (so {@code probes/} means every plan in it).
   */
  public static List<Path> planDirectories(List<Path> paths) throws ConfigException {
    ConfigProblems problems = new ConfigProblems();
    Set<Path> out = new LinkedHashSet<>();
    for (Path p : paths) {
      Path dir = p.getFileName() != null && p.getFileName().toString().equals(PLAN_FILE) ? p.getParent() : p;
      if (Files.isRegularFile(dir.resolve(PLAN_FILE))) {
        out.add(dir.normalize());
      } else if (Files.isDirectory(dir)) {
        try (Stream<Path> children = Files.list(dir)) {
          children.filter(c -> Files.isRegularFile(c.resolve(PLAN_FILE))).sorted().forEach(c -> out.add(c.normalize()));
        } catch (IOException e) {
          problems.add(Location.of(dir.toString()), "cannot list plans: " + e.getMessage());
        }
        if (out.isEmpty()) problems.add(Location.of(dir.toString()), "no " + PLAN_FILE + " here or in its sub-folders");
      } else {
        problems.add(Location.of(p.toString()), "no such plan folder");
      }
    }
    problems.throwIfAny();
    return List.copyOf(out);
  }

  /** Loads every plan; problems of all plans are reported together. Plan names must be unique. Warnings are logged. */
  public static List<PlanConfig> loadAll(List<Path> planDirs, Secrets secrets) throws ConfigException {
    return loadAll(planDirs, secrets, PlanLoader::log);
  }

  /**
   * Loads every plan as {@link #loadAll(List, Secrets)}; each warning (something that loads but is likely not meant,
   * e.g. a duration compared with a bare number) goes to {@code warnings}, also for plans that fail. Several plans load
   * side by side on a small pool of {@link #LOADER_THREADS} at most; warnings and problems still come in folder order,
   * and {@code warnings} is called on the calling thread only.
   */
  public static List<PlanConfig> loadAll(List<Path> planDirs, Secrets secrets, Consumer<ConfigProblem> warnings)
      throws ConfigException {
    List<Loaded> loaded = loadEach(planDirs, secrets);
    ConfigProblems problems = new ConfigProblems();
    List<PlanConfig> plans = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int k = 0; k < planDirs.size(); k++) {
      Loaded l = loaded.get(k);
      l.warnings().forEach(warnings);
      if (l.error() != null) {
        problems.addAll(l.error().problems());
        continue;
      }
      if (!names.add(l.plan().name())) {
        problems.add(Location.of(planDirs.get(k).resolve(PLAN_FILE).toString()),
            "plan name '" + l.plan().name() + "' is used twice");
      }
      plans.add(l.plan());
    }
    problems.throwIfAny();
    return List.copyOf(plans);
  }

  /** Most threads that load plans at once (each plan on one of them). */
  static final int LOADER_THREADS = 4;

  /** One plan's outcome: the plan or its problems, and its warnings. */
  private record Loaded(PlanConfig plan, ConfigException error, List<ConfigProblem> warnings) {}

  private static Loaded loadOne(Path dir, Secrets secrets) {
    List<ConfigProblem> warnings = new ArrayList<>();
    try {
      return new Loaded(load(dir, secrets, warnings::add), null, warnings);
    } catch (ConfigException e) {
      return new Loaded(null, e, warnings);
    }
  }

  private static List<Loaded> loadEach(List<Path> planDirs, Secrets secrets) {
    int threads = Math.min(planDirs.size(), Math.min(LOADER_THREADS, Runtime.getRuntime().availableProcessors()));
    if (threads <= 1) return planDirs.stream().map(d -> loadOne(d, secrets)).toList();
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "golive-plan-loader-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Loaded>> futures = new ArrayList<>();
      for (Path dir : planDirs) futures.add(pool.submit(() -> loadOne(dir, secrets)));
      List<Loaded> out = new ArrayList<>();
      for (Future<Loaded> f : futures) {
        try {
          out.add(f.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while loading plans", e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          if (e.getCause() instanceof Error err) throw err;
          throw new IllegalStateException(e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  public static PlanConfig load(Path planDir, Secrets secrets) throws ConfigException {
    return load(planDir, secrets, PlanLoader::log);
  }

  private static void log(ConfigProblem warning) {
    LoggerFactory.getLogger(PlanLoader.class).warn("{}: warning: {}", warning.location(), warning.message());
  }

  /** Loads one plan; warnings go to {@code warnings} before any problem is thrown. */
  public static PlanConfig load(Path planDir, Secrets secrets, Consumer<ConfigProblem> warnings)
      throws ConfigException {
    Path file = planDir.resolve(PLAN_FILE);
    String shown = file.toString();
    String text;
    try {
      text = TextFile.utf8(TextFile.read(file, MAX_PLAN_BYTES));
    } catch (InputLimitException e) {
      throw ConfigException.of(new Location(shown, e.line(), e.column()), e.getMessage());
    } catch (IOException e) {
      throw ConfigException.of(Location.of(shown), "cannot read: " + e.getClass().getSimpleName());
    }
    ConfigProblems problems = new ConfigProblems();
    ConfigNode root = ConfigNode.parse(shown, text, problems, secrets);
    if (problems.isEmpty() && root.isMap() && root.keys().isEmpty()) {
      throw ConfigException.of(new Location(shown, 1, 1), "empty plan: write at least 'service: <name>' and"
          + " 'checklist: <file.md>'");
    }
    PlanConfig plan = read(root, planDir, problems);
    problems.warnings().forEach(warnings);
    problems.throwIfAny();
    return plan;
  }

  private static PlanConfig read(ConfigNode root, Path planDir, ConfigProblems problems) {
    root.allowOnly("service", "checklist", "defaults", "probes", "gates", "windows", "triggers", "notify",
        "deployments", "manual");
    String name = root.string("service", planDir.toAbsolutePath().normalize().getFileName().toString());
    if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      root.get("service").ifPresent(n -> n.problem("must be letters, digits, '.', '_' or '-', got '" + name + "'"));
    }
    Checklist checklist = readChecklist(root, planDir);
    Defaults defaults = readDefaults(root.get("defaults"));
    ReferenceResolver refs = new ReferenceResolver(checklist);
    List<ProbeConfig> probes = ProbeReader.readAll(root.get("probes"), defaults, refs);
    List<GateConfig> gates = GateReader.readAll(root.get("gates"), refs, probes);
    List<WindowConfig> windows = RolloutReader.windows(root.get("windows"), refs, probes);
    List<TriggerConfig> triggers = RolloutReader.triggers(root.get("triggers"), probes, windows);
    List<NotifierConfig> notifiers = RolloutReader.notifiers(root.get("notify"));
    DeploymentDetection detection = RolloutReader.detection(root.get("deployments"), probes);
    Map<String, String> manual = readManual(root.get("manual"), refs, probes);
    return new PlanConfig(name, planDir, checklist, defaults, probes, gates, windows, triggers, notifiers, detection,
        manual);
  }

  /**
   * The {@code manual:} key: item (id or unambiguous text) to the reason it is left to a person. Unknown items,
   * empty reasons and items that a probe also ticks are problems.
   */
  private static Map<String, String> readManual(Optional<ConfigNode> node, ReferenceResolver refs,
      List<ProbeConfig> probes) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isEmpty() || !node.get().expectMap()) return out;
    ConfigNode manual = node.get();
    for (String key : manual.keys()) {
      ConfigNode reason = manual.get(key).orElse(null);
      if (reason == null) {
        manual.problem("'" + key + "' needs a reason (why a person, not a probe, ticks it)");
        continue;
      }
      Optional<String> id = refs.item(key, reason);
      if (id.isEmpty()) continue;
      String text = reason.asString();
      if (text == null || text.isBlank()) {
        reason.problem("needs a reason (why a person, not a probe, ticks it)");
        continue;
      }
      List<String> ticking = probes.stream().filter(p -> p.ticks().contains(id.get())).map(ProbeConfig::id).toList();
      if (!ticking.isEmpty()) {
        reason.problem("item " + id.get() + " is listed manual but probe " + String.join(", ", ticking)
            + " ticks it; keep one");
        continue;
      }
      if (out.containsKey(id.get())) {
        reason.problem("item " + id.get() + " is listed manual twice");
        continue;
      }
      out.put(id.get(), text.strip());
    }
    return out;
  }

  private static Checklist readChecklist(ConfigNode root, Path planDir) {
    Optional<ConfigNode> node = root.get("checklist");
    String relative = node.map(ConfigNode::asString).orElse("checklist.md");
    Path path = planDir.resolve(relative == null ? "checklist.md" : relative);
    Optional<String> outside = ChecklistPath.outside(planDir, relative == null ? "checklist.md" : relative);
    if (outside.isPresent()) {
      if (node.isPresent()) node.get().problem(outside.get());
      else root.problems().add(root.location(), "checklist.md: " + outside.get());
      return new Checklist(path.toString(), "", List.of(), List.of());
    }
    try {
      return ChecklistLoader.load(path);
    } catch (InputLimitException e) {
      root.problems().add(new Location(path.toString(), e.line(), e.column()), e.getMessage());
      return new Checklist(path.toString(), "", List.of(), List.of());
    } catch (IOException e) {
      String message = "cannot read checklist " + path + " (" + e.getClass().getSimpleName() + ")";
      if (node.isPresent()) node.get().problem(message);
      else root.problems().add(root.location(), message + "; set 'checklist:' to the Markdown file");
      return new Checklist(path.toString(), "", List.of(), List.of());
    }
  }

  private static Defaults readDefaults(Optional<ConfigNode> node) {
    Defaults d = Defaults.STANDARD;
    if (node.isEmpty()) return d;
    ConfigNode n = node.get();
    n.allowOnly("interval", "timeout", "passes-to-tick", "failures-to-regress");
    Duration interval = positive(n, "interval", d.interval());
    Duration timeout = positive(n, "timeout", d.timeout());
    return new Defaults(interval, timeout, n.integer("passes-to-tick", d.passesToTick(), 1, 100),
        n.integer("failures-to-regress", d.failuresToRegress(), 1, 100));
  }

  static Duration positive(ConfigNode n, String key, Duration fallback) {
    Duration d = n.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      n.get(key).ifPresent(k -> k.problem("must be a positive duration"));
      return fallback;
    }
    return d;
  }

}
