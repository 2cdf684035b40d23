package dev.golive.probe.command;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code command: { run: [/usr/local/bin/check, --json], env: [PGPASSFILE, "REGION=eu"], max-output: 64KiB }}: runs
 * a program (never a shell) and observes {@code EXIT_CODE}, {@code STDOUT} (also as {@code BODY}, so JSON paths
 * work on it), {@code STDERR}, {@code DURATION} and {@code TRUNCATED}.
 */
public final class CommandProbeKind implements ProbeKind<CommandSpec> {
  static final int DEFAULT_MAX_OUTPUT = 64 * 1024;
  static final int LIMIT_MAX_OUTPUT = 16 * 1024 * 1024;

  @Override
  public String name() {
    return "command";
  }

  @Override
  public Set<String> placeholders() {
    return Placeholders.of("EXIT_CODE:number STDOUT:text BODY:json STDERR:text DURATION:duration TRUNCATED:bool");
  }

  @Override
  public CommandSpec parse(ConfigNode block) {
    if (!block.allowOnly("run", "env", "max-output", "dir", "timeout-kills-tree")) return null;
    List<String> run = block.strings("run");
    ConfigNode runNode = block.required("run").orElse(null);
    if (runNode == null) return null;
    if (run.isEmpty()) {
      runNode.problem("expected the program and its arguments, e.g. [\"/usr/local/bin/check\", \"--json\"]");
      return null;
    }
    if (!runNode.isList() && run.get(0).strip().contains(" ")) {
      runNode.problem("commands run without a shell: give the program and its arguments as a list, e.g. "
          + "[\"/usr/local/bin/check\", \"--json\"]");
      return null;
    }
    Env env = env(block);
    int maxOutput = size(block, "max-output", DEFAULT_MAX_OUTPUT, LIMIT_MAX_OUTPUT);
    String dir = block.string("dir", null);
    boolean killTree = block.bool("timeout-kills-tree", true);
    if (env == null) return null;
    return new CommandSpec(run, env.pass(), env.set(), maxOutput, dir == null ? null : Path.of(dir), killTree);
  }

  /** Names pass golive's value through; {@code NAME=value} sets one. */
  public record Env(List<String> pass, Map<String, String> set) {}

  /** Reads an {@code env:} allow-list; null after reporting a malformed entry. */
  public static Env env(ConfigNode block) {
    List<String> pass = new ArrayList<>();
    Map<String, String> set = new LinkedHashMap<>();
    boolean ok = true;
    for (ConfigNode n : block.get("env").map(ConfigNode::elements).orElse(List.of())) {
      String raw = n.rawText();
      int eq = raw == null ? -1 : raw.indexOf('=');
      String name = raw == null ? null : (eq < 0 ? raw : raw.substring(0, eq)).strip();
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        n.problem("expected an environment variable name (passed through) or NAME=value, got '" + raw + "'");
        ok = false;
      } else if (eq < 0) {
        pass.add(name);
      } else {
        String value = n.asString();
        if (value != null) set.put(name, value.substring(value.indexOf('=') + 1));
      }
    }
    return ok ? new Env(pass, set) : null;
  }

  /** Reads a byte size within 1..limit. */
  public static int size(ConfigNode block, String key, int fallback, int limit) {
    return block.get(key).map(n -> {
      try {
        long v = ByteSizes.parse(n.asString());
        if (v < 1 || v > limit) {
          n.problem("must be between 1 byte and " + (limit >> 20) + "MiB, got " + v);
          return fallback;
        }
        return (int) v;
      } catch (IllegalArgumentException e) {
        n.problem(e.getMessage());
        return fallback;
      }
    }).orElse(fallback);
  }

  @Override
  public List<String> defaultConditions(CommandSpec spec) {
    return List.of("[EXIT_CODE] == 0");
  }

  @Override
  public Observer observer(CommandSpec spec, ProbeEnvironment env, Duration timeout) {
    return new CommandObserver(spec, env, timeout, System::getenv);
  }

  /** The environment a child gets: PATH, then allowed variables golive has, then explicit ones. */
  public static Map<String, String> childEnvironment(List<String> pass, Map<String, String> set,
      java.util.function.UnaryOperator<String> parent) {
    Map<String, String> out = new LinkedHashMap<>();
    String path = parent.apply("PATH");
    out.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    for (String name : pass) {
      String v = parent.apply(name);
      if (v != null) out.put(name, v);
    }
    out.putAll(set);
    return out;
  }
}
