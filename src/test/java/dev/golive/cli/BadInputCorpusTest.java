package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The bad-input corpus through the real CLI, in process: every malformed plan or checklist ends in
 * {@code file:line:col: message} and exit 2 within 2 s, with no stack trace.
 */
@Isolated
class BadInputCorpusTest {
  private static final Pattern LOCATED = Pattern.compile("^.+:\\d+:\\d+: \\S.*$");
  private static final Duration BUDGET = Duration.ofSeconds(2);
  @TempDir Path work;

  @Test
  @Timeout(900)
  void everyMalformedPlanOrChecklistIsALocatedProblemWithExitTwoWithinTwoSeconds() throws Exception {
    List<BadInputCorpus.Case> corpus = BadInputCorpus.generate(13);
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
    assertThat(BadInputCorpus.generate(13)).extracting(BadInputCorpus.Case::name)
        .as("the corpus is reproducible").isEqualTo(corpus.stream().map(BadInputCorpus.Case::name).toList());

    validPlanPasses();

    List<String> failures = new ArrayList<>();
    long slowest = 0;
    String slowestCase = "";
    for (BadInputCorpus.Case c : corpus) {
      Path dir = work.resolve(c.name());
      c.writeTo(dir);
      long start = System.nanoTime();
      MainRun run = MainRun.of("validate", dir.toString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (millis > slowest) {
        slowest = millis;
        slowestCase = c.name();
      }
      String why = verdict(run, millis);
      if (why != null) failures.add(c.name() + ": " + why + "\n" + abbreviate(run.out() + run.err()));
    }
    System.out.printf("bad-input corpus: %d cases, slowest %d ms (%s)%n", corpus.size(), slowest, slowestCase);
    assertThat(failures).as("cases that did not end in a located problem and exit 2 within 2 s").isEmpty();
  }

  /** The unmutated plan is valid (so each case fails for its mutation); also loads the CLI's classes untimed. */
  private void validPlanPasses() throws Exception {
    Path valid = work.resolve("valid");
    new BadInputCorpus.Case("valid", Map.of("golive.yaml", BadInputCorpus.PLAN.getBytes(StandardCharsets.UTF_8),
        "checklist.md", BadInputCorpus.CHECKLIST.getBytes(StandardCharsets.UTF_8)), null).writeTo(valid);
    MainRun ok = MainRun.of("validate", valid.toString());
    assertThat(ok.code()).as("the unmutated plan is valid: %s%s", ok.out(), ok.err()).isZero();
  }

  @Test
  @Timeout(600)
  void theReportedCasesAreRefusedByValidateCheckAndRunWithoutTouchingTheStore() throws Exception {
    validPlanPasses();
    Path state = work.resolve("state");
    dev.golive.store.JdbcStore.embedded(state).close();
    Map<Path, String> before = digests(state);
    assertThat(before).as("a real store on disk").isNotEmpty();
    List<String> families = List.of("deep-quotes-50000", "checklist-nested-50000-lists", "nested-parentheses-5000",
        "checklist-outside", "checklist-link-to-device", "300000-items", "twenty-mib-string", "bad-duration",
        "unterminated-reference", "control-char-in-condition", "out-of-range-1e999999", "unknown-tag",
        "empty-or-not-a-mapping");
    List<BadInputCorpus.Case> corpus = BadInputCorpus.generate(13);
    List<String> failures = new ArrayList<>();
    for (String family : families) {
      BadInputCorpus.Case c = corpus.stream().filter(k -> k.name().substring(k.name().indexOf('-') + 1)
          .equals(family)).findFirst().orElseThrow(() -> new AssertionError("no case " + family));
      Path dir = work.resolve(c.name());
      c.writeTo(dir);
      for (String[] args : List.of(new String[] {"validate", dir.toString()}, new String[] {"check", dir.toString()},
          new String[] {"run", dir.toString(), "--host", "127.0.0.1", "--port", "0", "--data", state.toString()})) {
        long start = System.nanoTime();
        MainRun run = MainRun.of(args);
        String why = verdict(run, (System.nanoTime() - start) / 1_000_000);
        if (why != null) failures.add(c.name() + " " + args[0] + ": " + why + "\n" + abbreviate(run.out() + run.err()));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(digests(state)).as("the store is untouched").isEqualTo(before);
  }

  private static Map<Path, String> digests(Path dir) throws Exception {
    Map<Path, String> out = new java.util.TreeMap<>();
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(f));
        out.put(dir.relativize(f), java.util.HexFormat.of().formatHex(hash));
      }
    }
    return out;
  }

  /** Why a run is not a located, quick exit 2 without a stack trace; null when it is. */
  static String verdict(MainRun run, long millis) {
    String all = run.out() + run.err();
    if (run.code() != Main.BAD_INPUT) return "exit " + run.code();
    if (all.contains("Exception") || all.contains("\tat ") || all.contains("Error:")) return "stack trace";
    if (millis > BUDGET.toMillis()) return "took " + millis + " ms";
    List<String> problems = run.err().lines().filter(l -> !l.endsWith("nothing was started.")).toList();
    if (problems.isEmpty()) return "no problem printed";
    for (String p : problems) {
      if (!LOCATED.matcher(p).matches()) return "not located: " + abbreviate(p);
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
