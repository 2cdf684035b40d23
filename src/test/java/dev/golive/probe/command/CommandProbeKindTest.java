package dev.golive.probe.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Observation;
import dev.golive.probe.DataProbeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandProbeKindTest {
  private static final CommandProbeKind KIND = new CommandProbeKind();
  private static final Duration BOUND = Duration.ofSeconds(15);
  private static DataProbeFixture fx;

  @BeforeAll
  static void start() {
    fx = new DataProbeFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static CommandSpec spec(String yaml) {
    DataProbeFixture.Parsed<CommandSpec> p = DataProbeFixture.parse(KIND, yaml);
    assertThat(p.problems()).isEmpty();
    return p.spec();
  }

  private static DataProbeFixture.Outcome run(CommandSpec spec, Duration timeout, Map<String, String> parentEnv)
      throws InterruptedException {
    return fx.observe(new CommandObserver(spec, fx.env, timeout, parentEnv::get), BOUND);
  }

  @Test
  void observesExitCodeStdoutStderrAndDuration() throws Exception {
    CommandSpec spec = spec("run: [/bin/sh, -c, 'echo \"{\\\"ok\\\": true}\"; echo oops >&2; exit 3']");
    Observation o = run(spec, Duration.ofSeconds(5), Map.of("PATH", "/usr/bin:/bin")).observation();
    assertThat(o.get("EXIT_CODE")).contains(3);
    assertThat(o.get("STDOUT")).contains("{\"ok\": true}\n");
    assertThat(o.get("BODY")).isEqualTo(o.get("STDOUT"));
    assertThat(o.get("STDERR")).contains("oops\n");
    assertThat(o.get("TRUNCATED")).contains(false);
    assertThat((Duration) o.get("DURATION").orElseThrow()).isPositive().isLessThan(Duration.ofSeconds(5));
    assertThat(KIND.defaultConditions(spec)).containsExactly("[EXIT_CODE] == 0");
  }

  @Test
  void hangingCommandIsKilledWithItsWholeTreeWithinTheTimeout(@TempDir Path dir) throws Exception {
    Path pids = dir.resolve("pids");
    CommandSpec spec = spec("run: [/bin/sh, -c, 'sleep 300 & echo $! > " + pids + "; echo $$ >> " + pids
        + "; sleep 300']");
    long t0 = System.nanoTime();
    DataProbeFixture.Outcome out = run(spec, Duration.ofSeconds(1), Map.of("PATH", "/usr/bin:/bin"));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(out.errorMessage()).contains("did not finish within 900ms").contains("descendant");
    assertThat(took).isLessThan(Duration.ofSeconds(4));
    List<Long> started = Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
    assertThat(started).hasSize(2);
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d", pid).isNotEqualTo(
          java.util.Optional.of(true));
    }
  }

  @Test
  void floodingStdoutIsCappedAndDrainedSoTheCommandFinishes() throws Exception {
    CommandSpec spec = spec("run: [/usr/bin/head, -c, '20000000', /dev/zero]\nmax-output: 1KiB");
    Observation o = run(spec, Duration.ofSeconds(10), Map.of("PATH", "/usr/bin:/bin")).observation();
    assertThat(o.get("EXIT_CODE")).contains(0);
    assertThat(((String) o.get("STDOUT").orElseThrow())).hasSize(1024);
    assertThat(o.get("TRUNCATED")).contains(true);
  }

  @Test
  void failingCommandIsAnObservationNotAnError() throws Exception {
    Observation o = run(spec("run: /bin/false"), Duration.ofSeconds(5), Map.of()).observation();
    assertThat(o.get("EXIT_CODE")).contains(1);
  }

  @Test
  void missingProgramFailsWithAClearMessage() throws Exception {
    String message = run(spec("run: [/nonexistent/golive-check]"), Duration.ofSeconds(5), Map.of()).errorMessage();
    assertThat(message).contains("/nonexistent/golive-check").contains("No such file");
  }

  @Test
  void onlyPathAllowedAndExplicitVariablesReachTheChild() throws Exception {
    CommandSpec spec = spec("run: [/usr/bin/env]\nenv: [ALLOWED, ABSENT, \"REGION=eu-west-1\"]");
    Map<String, String> parent = Map.of("PATH", "/usr/bin:/bin", "ALLOWED", "yes", "AWS_SECRET_ACCESS_KEY", "hush",
        "HOME", "/root");
    Observation o = run(spec, Duration.ofSeconds(5), parent).observation();
    assertThat(((String) o.get("STDOUT").orElseThrow()).lines().sorted().toList())
        .containsExactly("ALLOWED=yes", "PATH=/usr/bin:/bin", "REGION=eu-west-1");
  }

  @Test
  void explicitValuesResolveSecrets() {
    DataProbeFixture.Parsed<CommandSpec> p = DataProbeFixture.parse(KIND,
        "run: [/usr/bin/env]\nenv: [\"TOKEN=${env:CHECK_TOKEN}\"]", Map.of("CHECK_TOKEN", "s3cr3t"));
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().setEnv()).containsEntry("TOKEN", "s3cr3t");
  }

  @Test
  void workingDirectoryIsUsed(@TempDir Path dir) throws Exception {
    Observation o = run(spec("run: [/bin/pwd]\ndir: " + dir), Duration.ofSeconds(5), Map.of()).observation();
    assertThat(((String) o.get("STDOUT").orElseThrow()).strip()).isEqualTo(dir.toRealPath().toString());
  }

  @Test
  void reportsConfigProblemsWithLocations() {
    assertThat(DataProbeFixture.parse(KIND, "run: \"/usr/bin/check --json\"").problems())
        .singleElement().asString().contains("golive.yaml:2:").contains("without a shell");
    assertThat(DataProbeFixture.parse(KIND, "run: [x]\nenv: [\"bad-name\"]").problems())
        .singleElement().asString().contains("environment variable name");
    assertThat(DataProbeFixture.parse(KIND, "run: [x]\nmax-output: lots").problems())
        .singleElement().asString().contains("bad size 'lots'");
    assertThat(DataProbeFixture.parse(KIND, "run: [x]\nmax-output: 64MiB").problems())
        .singleElement().asString().contains("between 1 byte and 16MiB");
    assertThat(DataProbeFixture.parse(KIND, "program: [x]").problems())
        .anySatisfy(s -> assertThat(s).contains("unknown key 'program'"));
    assertThat(DataProbeFixture.parse(KIND, "max-output: 1k").problems())
        .anySatisfy(s -> assertThat(s).contains("missing required key 'command.run'"));
  }

  @Test
  void byteSizes() {
    assertThat(ByteSizes.parse("65536")).isEqualTo(65536);
    assertThat(ByteSizes.parse("64KiB")).isEqualTo(65536);
    assertThat(ByteSizes.parse("64k")).isEqualTo(65536);
    assertThat(ByteSizes.parse("2MB")).isEqualTo(2 << 20);
  }
}
