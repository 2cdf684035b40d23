package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.ProbeConfig;
import dev.golive.config.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code golive suggest} on every checklist under {@code probes/}: the written plan passes {@code golive validate
 * --without-secrets} (the real loader), every item is either ticked or manual, and the items the hand-written plan
 * ticks with a probe are ticked by a probe of the same kind in at least 70 % of cases. Prints the numbers the README
 * table shows. Captures System.out/err, so it runs alone.
 */
@Isolated
class SuggestCommandTest {
  private static final Path PROBES = Path.of("probes");

  static Stream<String> seeds() throws Exception {
    try (Stream<Path> dirs = Files.list(PROBES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("checklist.md")))
          .map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void suggestedPlanValidatesAndAgreesWithTheHandWrittenPlan(String seed, @TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve(seed);
    Files.createDirectories(dir);
    Files.copy(PROBES.resolve(seed).resolve("checklist.md"), dir.resolve("checklist.md"));

    MainRun suggest = MainRun.of("suggest", dir.resolve("checklist.md").toString(), "--out",
        dir.resolve("golive.yaml").toString());
    assertThat(suggest.code()).as(suggest.err()).isZero();
    assertThat(suggest.out()).contains("recognised by kind:").contains("manual:");

    MainRun validate = MainRun.of("validate", "--without-secrets", dir.toString());
    assertThat(validate.code()).as(validate.err()).isZero();
    assertThat(validate.out()).contains("ok: plan " + seed);

    PlanConfig suggested = PlanLoader.load(dir, Secrets.withoutSecrets());
    PlanConfig hand = PlanLoader.load(PROBES.resolve(seed), Secrets.withoutSecrets());
    long ticked = suggested.checklist().items().stream().filter(i -> !suggested.probesTicking(i.id()).isEmpty())
        .count();
    assertThat(ticked + suggested.manualReasons().size()).as("every item ticked or manual, once")
        .isEqualTo(suggested.checklist().items().size());

    List<String> handTicked = hand.checklist().items().stream().map(i -> i.id())
        .filter(id -> !hand.probesTicking(id).isEmpty()).toList();
    assertThat(handTicked).as(seed + ": the hand-written plan ticks items with probes").isNotEmpty();
    List<String> sameKind = handTicked.stream().filter(id -> {
      Set<String> handKinds = kinds(hand.probesTicking(id));
      return kinds(suggested.probesTicking(id)).stream().anyMatch(handKinds::contains);
    }).toList();
    double agreement = 100.0 * sameKind.size() / handTicked.size();
    List<String> missed = handTicked.stream().filter(id -> !sameKind.contains(id)).toList();
    System.err.printf("suggest seed %s: %d items, %d ticked by suggest, %d manual; hand plan ticks %d with a probe,"
        + " suggest ticks %d of them with the same kind (%.0f%%)%n  %s%n  missed: %s%n", seed,
        suggested.checklist().items().size(), ticked, suggested.manualReasons().size(), handTicked.size(),
        sameKind.size(), agreement, suggest.out().lines().skip(1).collect(Collectors.joining("; ")).strip(), missed);
    assertThat(agreement).as(seed + ": missed " + missed)
        .isGreaterThanOrEqualTo(70.0);
  }

  @Test
  void aMissingChecklistIsOneClearLineAndExitTwo(@TempDir Path tmp) {
    MainRun run = MainRun.of("suggest", tmp.resolve("nope.md").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("golive: " + tmp.resolve("nope.md") + ": no such checklist file");
    assertThat(tmp.resolve("golive.yaml")).doesNotExist();
  }

  @Test
  void anExistingPlanIsKeptUnlessForced(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("checklist.md"), "# C\n- [ ] GO-001 Health check returns 200\n");
    Files.writeString(tmp.resolve("golive.yaml"), "# mine\n");

    MainRun refused = MainRun.of("suggest", tmp.resolve("checklist.md").toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("exists; not overwritten (use --force)").doesNotContain("Exception");
    assertThat(Files.readString(tmp.resolve("golive.yaml"))).isEqualTo("# mine\n");

    MainRun forced = MainRun.of("suggest", tmp.resolve("checklist.md").toString(), "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("1 items, 1 ticked by 1 probes, 0 manual").contains("http 1");
    assertThat(Files.readString(tmp.resolve("golive.yaml"), StandardCharsets.UTF_8))
        .contains("checklist: \"checklist.md\"").contains("ticks: [\"GO-001\"]");
  }

  @Test
  void aChecklistThatIsADirectoryIsBadInput(@TempDir Path tmp) {
    MainRun run = MainRun.of("suggest", tmp.toString(), "--out", tmp.resolve("x/golive.yaml").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  private static Set<String> kinds(List<ProbeConfig> probes) {
    return probes.stream().map(p -> p.kind().name()).collect(Collectors.toSet());
  }
}
