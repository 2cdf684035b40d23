package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A few reported bad-input cases through the real jar: exit 2, a located message, no stack trace, no hang. */
class BadInputCliIT {
  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"deep-quotes-50000", "nested-parentheses-5000", "checklist-link-to-device",
      "twenty-mib-string", "bad-duration", "empty-or-not-a-mapping", "checklist-outside"})
  void theJarRefusesWithALocatedProblem(String family) throws Exception {
    BadInputCorpus.Case c = BadInputCorpus.generate(13).stream()
        .filter(k -> k.name().substring(k.name().indexOf('-') + 1).equals(family)).findFirst().orElseThrow();
    Path dir = work.resolve(c.name());
    c.writeTo(dir);
    for (List<String> args : List.of(List.of("validate", dir.toString()),
        List.of("run", dir.toString(), "--host", "127.0.0.1", "--port", "0", "--data", work.resolve("state").toString()))) {
      long start = System.nanoTime();
      GoliveProcess.Result r = GoliveProcess.run(work, Map.of(), args.toArray(String[]::new));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("%s %s: exit %d in %d ms (JVM start included)%n", c.name(), args.get(0), r.exitCode(), millis);
      assertThat(r.exitCode()).as(r.output()).isEqualTo(Main.BAD_INPUT);
      assertThat(r.output()).doesNotContain("Exception", "\tat ").containsPattern("(?m)^.+:\\d+:\\d+: \\S");
      assertThat(millis).as("no hang").isLessThan(60_000);
    }
    assertThat(work.resolve("state")).as("nothing was started").doesNotExist();
  }
}
