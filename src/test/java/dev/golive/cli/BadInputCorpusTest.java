package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    Path valid = work.resolve("valid");
    new BadInputCorpus.Case("valid", java.util.Map.of("golive.yaml", BadInputCorpus.PLAN.getBytes(),
        "checklist.md", BadInputCorpus.CHECKLIST.getBytes()), null).writeTo(valid);
    MainRun ok = MainRun.of("validate", valid.toString());
    assertThat(ok.code()).as("the unmutated plan is valid: %s%s", ok.out(), ok.err()).isZero();

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
