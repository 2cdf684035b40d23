package dev.golive.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded, reproducible corpus of malformed plans and checklists: a valid plan and checklist, each mutated by one
 * operator that is known to make them wrong (grammar breakers for YAML and Markdown, limits, types, paths). Every
 * case must end in {@code file:line:col: message} and exit 2.
 */
final class BadInputCorpus {
  static final String PLAN = """
      service: shop
      checklist: checklist.md
      defaults: { interval: 30s, timeout: 5s, passes-to-tick: 2, failures-to-regress: 2 }
      probes:
        - id: health
          http: { url: "http://127.0.0.1:9/health", headers: { Accept: application/json } }
          interval: 1m
          conditions: ["[STATUS] == 200", "[RESPONSE_TIME] < 500ms"]
          ticks: [GO-001]
      gates:
        - { id: launch, name: Launch, required: true, items: [GO-001, GO-002] }
      """;
  static final String CHECKLIST = """
      # Go-live

      ## Infrastructure
      - [ ] GO-001 Health endpoint answers
      - [x] GO-002 TLS certificate valid
      - [ ] GO-003 Backups restore

      | ID | Check | Status |
      |----|-------|--------|
      | GO-004 | Alerts routed to on-call | ✅ |
      """;

  /** One malformed plan folder: files to write (relative path to bytes) and extra setup (links, folders). */
  record Case(String name, Map<String, byte[]> files, Consumer<Path> setup) {
    void writeTo(Path dir) throws IOException {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
      if (setup != null) setup.accept(dir);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final Random random;
  private final List<Case> cases = new ArrayList<>();

  private BadInputCorpus(long seed) {
    this.random = new Random(seed);
  }

  static List<Case> generate(long seed) {
    BadInputCorpus c = new BadInputCorpus(seed);
    c.yaml();
    c.values();
    c.conditions();
    c.paths();
    c.markdown();
    return List.copyOf(c.cases);
  }

  private void add(String name, String plan, String checklist) {
    add(name, plan.getBytes(StandardCharsets.UTF_8), checklist.getBytes(StandardCharsets.UTF_8), null);
  }

  private void add(String name, byte[] plan, byte[] checklist, Consumer<Path> setup) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("golive.yaml", plan);
    files.put("checklist.md", checklist);
    cases.add(new Case(cases.size() + "-" + name, files, setup));
  }

  private String word() {
    StringBuilder b = new StringBuilder();
    int n = 3 + random.nextInt(8);
    for (int i = 0; i < n; i++) b.append((char) ('a' + random.nextInt(26)));
    return b.toString();
  }

  private static String nested(String open, String close, int depth, String inner) {
    return open.repeat(depth) + inner + close.repeat(depth);
  }

  /** YAML grammar: syntax breakers, tags, aliases, documents, nesting, sizes, encodings, empty files. */
  private void yaml() {
    String[] lines = PLAN.split("\n");
    for (int i = 0; i < 16; i++) {
      int at = random.nextInt(PLAN.indexOf('}') - PLAN.indexOf('{') - 1) + PLAN.indexOf('{') + 1;
      add("truncated-flow-mapping", PLAN.substring(0, at), CHECKLIST);
    }
    for (int i = 0; i < 8; i++) {
      int line = 1 + random.nextInt(lines.length - 1);
      List<String> l = new ArrayList<>(List.of(lines));
      l.add(line, "\t" + word() + ": x");
      add("tab-indentation", String.join("\n", l) + "\n", CHECKLIST);
    }
    for (int i = 0; i < 6; i++) {
      add("unclosed-quote", PLAN.replace("url: \"http://127.0.0.1:9/health\"", "url: \"http://127.0.0.1:9/" + word()),
          CHECKLIST);
    }
    String[] tagged = {"service: ", "checklist: ", "interval: ", "timeout: ", "url: "};
    for (int i = 0; i < 15; i++) {
      String key = tagged[i % tagged.length];
      add("unknown-tag", PLAN.replaceFirst(key, key + "!" + word() + " "), CHECKLIST);
    }
    for (int i = 0; i < 5; i++) {
      add("alias", PLAN.replace("service: shop", "service: &s shop").replace("timeout: 5s", "timeout: *s"), CHECKLIST);
    }
    for (int i = 0; i < 5; i++) {
      add("second-document", PLAN + "---\nservice: " + word() + "\n", CHECKLIST);
    }
    for (int i = 0; i < 10; i++) {
      int depth = 33 + random.nextInt(i < 5 ? 100 : 5000);
      String value = i % 2 == 0 ? nested("[", "]", depth, "x") : nested("{a: ", "}", depth, "x");
      add("deep-yaml-" + depth, PLAN + "manual: " + value + "\n", CHECKLIST);
    }
    for (int i = 0; i < 5; i++) {
      add("huge-scalar", PLAN.replace("service: shop", "service: \"" + "s".repeat(65 * 1024 + random.nextInt(200_000))
          + "\""), CHECKLIST);
    }
    for (int i = 0; i < 5; i++) {
      add("huge-file", PLAN + ("# " + "padding ".repeat(60) + "\n").repeat(600 + random.nextInt(40_000)), CHECKLIST);
    }
    add("twenty-mib-string", PLAN.replace("service: shop", "service: \"" + "a".repeat(20 << 20) + "\""), CHECKLIST);
    for (int i = 0; i < 10; i++) {
      byte[] plan = PLAN.getBytes(StandardCharsets.UTF_8);
      byte[] bad = new byte[plan.length + 1];
      int at = random.nextInt(plan.length);
      System.arraycopy(plan, 0, bad, 0, at);
      bad[at] = (byte) (0x80 + random.nextInt(0x40));
      System.arraycopy(plan, at, bad, at + 1, plan.length - at);
      add("not-utf8", bad, CHECKLIST.getBytes(StandardCharsets.UTF_8), null);
    }
    for (String empty : List.of("", "\n\n", "   \n", "# only a comment\n", "{}\n", "---\n", "[]\n", "shop\n",
        "- service: shop\n")) {
      add("empty-or-not-a-mapping", empty, CHECKLIST);
    }
  }

  /** Values: unknown keys, durations, whole numbers, references. */
  private void values() {
    for (int i = 0; i < 20; i++) {
      String w = word();
      String plan = switch (i % 4) {
        case 0 -> PLAN.replace("service: shop", "service: shop\n" + w + ": 1");
        case 1 -> PLAN.replace("defaults: { interval: 30s", "defaults: { " + w + ": 2, interval: 30s");
        case 2 -> PLAN.replace("    interval: 1m", "    interval: 1m\n    " + w + ": true");
        default -> PLAN.replace("headers: { Accept", w + ": 1, headers: { Accept");
      };
      add("unknown-key", plan, CHECKLIST);
    }
    List<String> durations = new ArrayList<>(List.of("99999999999999999999999d", "-5s", "0s", "5 mins", "1.5.5s",
        "400d", "10x", "\"\"", "1e9d", "366d", "ms", "5", "PT5M", "[1m]", "{a: 1}"));
    for (int i = 0; i < 10; i++) durations.add((1 + random.nextInt(9)) + "9".repeat(5 + random.nextInt(25)) + "d");
    for (int i = 0; i < durations.size(); i++) {
      String key = i % 2 == 0 ? "interval: 1m" : "timeout: 5s";
      add("bad-duration", PLAN.replace(key, key.substring(0, key.indexOf(':') + 2) + durations.get(i)), CHECKLIST);
    }
    String[] ints = {"0", "101", "-1", "two", "1e3", "99999999999", "2.5", "[2]"};
    for (String n : ints) add("bad-integer", PLAN.replace("passes-to-tick: 2", "passes-to-tick: " + n), CHECKLIST);
    String[] refs = {"${env:", "${env:SHOP_TOKEN", "${file:/run/secrets/token", "${var:BASE", "Bearer ${env:"};
    for (int i = 0; i < 10; i++) {
      String ref = refs[i % refs.length];
      add("unterminated-reference", i % 2 == 0
          ? PLAN.replace("Accept: application/json", "Authorization: \"" + ref + "\"")
          : PLAN.replace("service: shop", "service: \"" + ref + "\""), CHECKLIST);
    }
  }

  /** Conditions: control characters, out-of-range numbers, nesting, length. */
  private void conditions() {
    for (int i = 0; i < 10; i++) {
      String c = "[STATUS] == 200";
      int at = random.nextInt(c.length() + 1);
      int control = i == 0 ? 0 : 1 + random.nextInt(31);
      if (control == 9 || control == 10 || control == 13) control = 0;
      add("control-char-in-condition", PLAN.replace("\"[STATUS] == 200\"", "\"" + c.substring(0, at)
          + String.format("\\x%02x", control) + c.substring(at) + "\""), CHECKLIST);
    }
    for (int i = 0; i < 10; i++) {
      String big = (1 + random.nextInt(9)) + "e" + (400 + random.nextInt(999_999));
      add("out-of-range-number", PLAN.replace("[STATUS] == 200", "[STATUS] < " + big), CHECKLIST);
    }
    add("out-of-range-1e999999", PLAN.replace("[STATUS] == 200", "[STATUS] < 1e999999"), CHECKLIST);
    for (int i = 0; i < 10; i++) {
      int depth = 33 + random.nextInt(i < 5 ? 100 : 5000);
      add("nested-parentheses-" + depth, PLAN.replace("\"[STATUS] == 200\"",
          "\"" + nested("(", ")", depth, "[STATUS] == 200") + "\""), CHECKLIST);
    }
    add("nested-parentheses-5000", PLAN.replace("\"[STATUS] == 200\"",
        "\"" + nested("(", ")", 5000, "[STATUS] == 200") + "\""), CHECKLIST);
    for (int i = 0; i < 3; i++) {
      add("long-condition", PLAN.replace("[STATUS] == 200", "[STATUS] == " + "9".repeat(4100 + random.nextInt(50_000))),
          CHECKLIST);
    }
  }

  /** {@code checklist:} outside the plan's folder, devices, folders, links. */
  private void paths() {
    for (String p : List.of("/etc/passwd", "/dev/zero", "/dev/null", "/proc/self/environ", "../checklist.md",
        "sub/../../checklist.md", "../../../../etc/hostname", "/tmp/checklist.md")) {
      add("checklist-outside", PLAN.replace("checklist: checklist.md", "checklist: " + p), CHECKLIST);
    }
    add("checklist-is-a-folder", PLAN.replace("checklist: checklist.md", "checklist: docs"), CHECKLIST,
        dir -> mkdirs(dir.resolve("docs")));
    add("checklist-link-outside", PLAN.replace("checklist: checklist.md", "checklist: linked.md"), CHECKLIST,
        dir -> link(dir.resolve("linked.md"), Path.of("/etc/passwd")));
    add("checklist-link-to-device", PLAN.replace("checklist: checklist.md", "checklist: zero.md"), CHECKLIST,
        dir -> link(dir.resolve("zero.md"), Path.of("/dev/zero")));
    add("checklist-link-to-sibling", PLAN.replace("checklist: checklist.md", "checklist: sibling.md"), CHECKLIST,
        dir -> {
          try {
            Path outside = Files.createTempFile(dir.getParent(), "outside", ".md");
            Files.writeString(outside, CHECKLIST);
            link(dir.resolve("sibling.md"), outside);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void add(String name, String plan, String checklist, Consumer<Path> setup) {
    add(name, plan.getBytes(StandardCharsets.UTF_8), checklist.getBytes(StandardCharsets.UTF_8), setup);
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void link(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Markdown grammar: nesting, NUL bytes, item counts, sizes, items the plan names but the file lacks. */
  private void markdown() {
    for (int i = 0; i < 10; i++) {
      int depth = 33 + random.nextInt(i < 5 ? 100 : 50_000);
      add("deep-quotes-" + depth, PLAN, CHECKLIST + ">".repeat(depth) + " - [ ] GO-009 deep\n");
    }
    add("deep-quotes-50000", PLAN, CHECKLIST + "> ".repeat(50_000) + "- [ ] GO-009 deep\n");
    for (int i = 0; i < 10; i++) {
      int depth = 33 + random.nextInt(i < 5 ? 40 : 400);
      StringBuilder b = new StringBuilder(CHECKLIST);
      for (int d = 0; d < depth; d++) b.append("  ".repeat(d)).append("- [ ] level ").append(d).append('\n');
      add("deep-list-" + depth, PLAN, b.toString());
    }
    for (int i = 0; i < 10; i++) {
      byte[] md = CHECKLIST.getBytes(StandardCharsets.UTF_8);
      byte[] bad = new byte[md.length + 1];
      int at = random.nextInt(md.length);
      System.arraycopy(md, 0, bad, 0, at);
      System.arraycopy(md, at, bad, at + 1, md.length - at);
      add("nul-in-checklist", PLAN.getBytes(StandardCharsets.UTF_8), bad, null);
    }
    for (int i = 0; i < 5; i++) {
      StringBuilder b = new StringBuilder(CHECKLIST);
      int n = 10_001 + random.nextInt(i == 4 ? 20_000 : 3_000);
      for (int k = 0; k < n; k++) b.append("- [ ] item ").append(k).append('\n');
      add("too-many-items-" + n, PLAN, b.toString());
    }
    StringBuilder many = new StringBuilder();
    for (int k = 0; k < 300_000; k++) many.append("- [ ] ").append(k).append('\n');
    add("300000-items", PLAN, many.toString());
    for (int i = 0; i < 5; i++) {
      add("huge-checklist", PLAN, CHECKLIST + ("Prose " + word() + ". ").repeat(100_000 + random.nextInt(200_000)));
    }
    add("checklist-nested-50000-lists", PLAN, CHECKLIST + "- ".repeat(50_000) + "[ ] GO-009 deep\n");
    String[] ids = {"GO-001", "GO-002"};
    for (int i = 0; i < 6; i++) {
      String gone = ids[i % 2];
      String kept = String.join("\n", CHECKLIST.lines().filter(l -> !l.contains(gone)).toList()) + "\n";
      add("item-removed-" + gone, PLAN, i < 3 ? kept : kept.replace("GO-004", "GO-" + (100 + random.nextInt(800))));
    }
  }
}
