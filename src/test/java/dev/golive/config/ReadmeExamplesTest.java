package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.DeclaredState;
import dev.golive.probe.ProbeKinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every YAML example in README.md that holds probes is read by the real loader: a wrong key, a bad duration, a
 * condition naming a placeholder its kind does not observe, makes this test fail at the example's line.
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^( *)```yaml\\n(.*?)^\\1```", Pattern.DOTALL);

  /** Examples may name files that exist only where the user runs golive (a CA bundle, a password file). */
  private static final Pattern NAMES_A_FILE_ON_THE_USERS_MACHINE =
      Pattern.compile("(-file|client-cert|client-key): (file not found|cannot read)");

  record Example(int line, String yaml) {}

  static List<Example> examples() throws Exception {
    String text = Files.readString(README, StandardCharsets.UTF_8);
    List<Example> out = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(text);
    while (m.find()) {
      int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
      String indent = m.group(1);
      String body = m.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
          .reduce("", (a, b) -> a + b + "\n");
      out.add(new Example(line, body));
    }
    return out;
  }

  /** Environment lookups that answer every variable, so examples can use ${env:ANY}. */
  private static Secrets exampleSecrets() {
    return Secrets.of(new HashMap<>() {
      @Override
      public String get(Object key) {
        return "example-" + key;
      }
    });
  }

  private static List<ConfigNode> probesIn(ConfigNode root) {
    if (root.isList()) return root.elements();
    if (root.isMap() && root.has("probes")) return root.get("probes").orElseThrow().elements();
    if (root.isMap() && root.has("id") && root.keys().stream().anyMatch(k -> ProbeKinds.byName(k).isPresent())) {
      return List.of(root);
    }
    return List.of();
  }

  /** A checklist holding exactly the items the example's probes tick, so references resolve. */
  private static Checklist checklistFor(List<ConfigNode> probes) {
    Set<String> refs = new LinkedHashSet<>();
    for (ConfigNode p : probes) {
      p.get("ticks").ifPresent(t -> t.elements().forEach(e -> refs.add(e.rawText())));
    }
    List<ChecklistItem> items = new ArrayList<>();
    int line = 1;
    for (String ref : refs) {
      items.add(new ChecklistItem(ref.replaceAll("[^A-Za-z0-9-]+", "-"), List.of("Example"), ref,
          DeclaredState.UNCHECKED, line++, 1, null));
    }
    return new Checklist("checklist.md", "", items, List.of());
  }

  @TestFactory
  Stream<DynamicTest> everyProbeExampleLoads() throws Exception {
    List<Example> examples = examples();
    assertThat(examples).as("README.md has YAML examples").isNotEmpty();
    return examples.stream().map(ex -> DynamicTest.dynamicTest("README.md line " + ex.line(), () -> {
      ConfigProblems problems = new ConfigProblems();
      ConfigNode root = ConfigNode.parse("README.md (example at line " + ex.line() + ")", asList(ex.yaml()),
          problems, exampleSecrets());
      List<ConfigNode> probes = probesIn(root);
      ProbeReader.readAll(probes.isEmpty() ? Optional.empty() : Optional.of(listNode(root)), Defaults.STANDARD,
          new ReferenceResolver(checklistFor(probes)));
      assertThat(problems.sorted()).as("problems in the example")
          .filteredOn(p -> !NAMES_A_FILE_ON_THE_USERS_MACHINE.matcher(p.toString()).find())
          .isEmpty();
    }));
  }

  private static ConfigNode listNode(ConfigNode root) {
    return root.isList() ? root : root.get("probes").orElseThrow();
  }

  /** A single probe written as a mapping becomes a list of one, keeping line numbers. */
  private static String asList(String yaml) {
    boolean singleProbe = yaml.lines().anyMatch(l -> l.startsWith("id:"))
        && yaml.lines().noneMatch(l -> l.startsWith("probes:") || l.startsWith("- "));
    if (!singleProbe) return yaml;
    StringBuilder b = new StringBuilder();
    yaml.lines().forEach(l -> b.append(b.isEmpty() ? "- " : "  ").append(l).append('\n'));
    return b.toString();
  }

  @Test
  void everyProbeKindHasAnExample() throws Exception {
    Set<String> shown = new TreeSet<>();
    for (Example ex : examples()) {
      ConfigNode root = ConfigNode.parse("README.md", asList(ex.yaml()), new ConfigProblems(), exampleSecrets());
      for (ConfigNode p : probesIn(root)) {
        if (p.isMap()) p.keys().stream().filter(k -> ProbeKinds.byName(k).isPresent()).forEach(shown::add);
      }
    }
    assertThat(shown).containsAll(ProbeKinds.names());
  }
}
