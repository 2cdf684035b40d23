package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.ItemState;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that streams forever, one that sends a 1 GiB body and a redirect loop, each probed every 2 s beside 20
 * healthy probes of the same loopback host by a real daemon (Quartz, plan runtime, store): every hostile run fails
 * within its timeout naming the cause, and every healthy item stays done for the whole soak. The soak lasts 10
 * minutes ({@code -Dgolive.soak.seconds=60} for a quick run). The only integration test that runs concurrently (the
 * others run one after the other): the soak overlaps the rest of the integration phase instead of adding to it.
 */
@Execution(ExecutionMode.CONCURRENT)
class HostileNeighboursIT {
  private static final long SOAK_SECONDS = Long.getLong("golive.soak.seconds", 600);
  private static final int HEALTHY = 20;
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Map<String, Duration> TIMEOUTS = Map.of("stream", Duration.ofMillis(1500),
      "huge", Duration.ofSeconds(5), "loop", Duration.ofSeconds(2));

  @TempDir Path dir;

  @Test
  void hostileTargetsFailWithTheirCauseAndHealthyNeighboursStayDone() throws Exception {
    Vertx targetsLoop = Vertx.vertx(); // the targets do not share golive's event loops
    try (HostileTargets targets = new HostileTargets(targetsLoop)) {
      PlanConfig plan = PlanLoader.load(writePlan(targets), Secrets.of(Map.of()));
      Map<String, Pattern> causes = Map.of(
          "stream", Pattern.compile("response from 127\\.0\\.0\\.1:" + targets.port()
              + " not complete within 1s500ms \\(reading the body after \\d+\\.\\ds, [\\d.]+ (KiB|MiB) received\\)"),
          "huge", Pattern.compile("response from 127\\.0\\.0\\.1:" + targets.port() + " (is larger than 16\\.0 MiB: "
              + "stopped reading it .*|not complete within 5s \\(reading the body after .*)"),
          "loop", Pattern.compile("redirect loop: " + Pattern.quote(targets.url("/loop/a") + " -> "
              + targets.url("/loop/b") + " -> " + targets.url("/loop/a"))));
      try (Daemon daemon = Daemon.start(List.of(plan), DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("state"),
          null), Secrets.of(Map.of()))) {
        PlanRuntime runtime = daemon.runtimes().get("neighbours");
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!allHealthyDone(runtime) || !TIMEOUTS.keySet().stream().allMatch(runtime.lastResults()::containsKey)) {
          assertThat(System.nanoTime()).as("healthy items done and hostile probes run within 90s: %s",
              runtime.items()).isLessThan(settle);
          Thread.sleep(100);
        }

        Map<String, Instant> seen = new HashMap<>();
        Map<String, Integer> failed = new HashMap<>();
        Map<String, Integer> inconclusive = new HashMap<>();
        int maxOpen = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SOAK_SECONDS);
        while (System.nanoTime() < end) {
          for (int i = 1; i <= HEALTHY; i++) {
            String item = String.format("H-%02d", i);
            assertThat(runtime.items().get(item).state()).as("%s while hostile neighbours run; last result %s",
                item, runtime.lastResults().get("healthy-" + i)).isEqualTo(ItemState.DONE);
          }
          for (String hostile : TIMEOUTS.keySet()) {
            ProbeResult r = runtime.lastResults().get(hostile);
            if (r.startedAt().equals(seen.put(hostile, r.startedAt()))) continue;
            if (r.overloaded() != null) {
              inconclusive.merge(hostile, 1, Integer::sum);
              continue;
            }
            assertThat(r.success()).as("%s passed: %s", hostile, r).isFalse();
            assertThat(r.error()).as(hostile).matches(causes.get(hostile));
            assertThat(r.duration()).as("%s ended within its timeout", hostile)
                .isLessThan(TIMEOUTS.get(hostile).plusSeconds(1));
            failed.merge(hostile, 1, Integer::sum);
          }
          maxOpen = Math.max(maxOpen, targets.open.get());
          Thread.sleep(250);
        }

        long expectedRuns = SOAK_SECONDS / INTERVAL.toSeconds();
        System.out.printf("HostileNeighboursIT: %ds soak, failed runs seen %s, inconclusive %s, at most %d "
            + "connections open, %d opened in all%n", SOAK_SECONDS, failed, inconclusive, maxOpen,
            targets.opened.get());
        for (String hostile : TIMEOUTS.keySet()) {
          assertThat(failed.getOrDefault(hostile, 0)).as("%s runs seen failing with their cause", hostile)
              .isGreaterThanOrEqualTo((int) (expectedRuns / 4));
        }
        assertThat(maxOpen).as("connections held open at once: nothing leaks").isLessThan(HEALTHY + 10);
      }
    } finally {
      targetsLoop.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static boolean allHealthyDone(PlanRuntime runtime) {
    for (int i = 1; i <= HEALTHY; i++) {
      if (runtime.items().get(String.format("H-%02d", i)).state() != ItemState.DONE) return false;
    }
    return true;
  }

  private Path writePlan(HostileTargets targets) throws Exception {
    Path plan = Files.createDirectories(dir.resolve("neighbours"));
    StringBuilder checklist = new StringBuilder("# Neighbours\n");
    StringBuilder yaml = new StringBuilder("service: neighbours\nchecklist: checklist.md\n"
        + "defaults: { interval: 2s, timeout: 2s, passes-to-tick: 1, failures-to-regress: 1 }\nprobes:\n");
    for (int i = 1; i <= HEALTHY; i++) {
      String item = String.format("H-%02d", i);
      checklist.append("- [ ] ").append(item).append(" Health answers (").append(i).append(")\n");
      yaml.append("  - id: healthy-").append(i).append("\n    http: { url: \"").append(targets.url("/health?n=" + i))
          .append("\" }\n    ticks: [").append(item).append("]\n");
    }
    checklist.append("- [ ] X-STREAM Streaming endpoint\n- [ ] X-HUGE Huge body\n- [ ] X-LOOP Redirect loop\n");
    yaml.append("  - id: stream\n    timeout: 1500ms\n    http: { url: \"").append(targets.url("/stream"))
        .append("\", keep-alive: true }\n    ticks: [X-STREAM]\n");
    yaml.append("  - id: huge\n    timeout: 5s\n    interval: 5s\n    http: { url: \"").append(targets.url("/huge"))
        .append("\" }\n    ticks: [X-HUGE]\n");
    yaml.append("  - id: loop\n    http: { url: \"").append(targets.url("/loop/a"))
        .append("\", follow-redirects: true }\n    ticks: [X-LOOP]\n");
    yaml.append("gates:\n  - { id: launch, required: true, items: [");
    for (int i = 1; i <= HEALTHY; i++) yaml.append(String.format("H-%02d, ", i));
    yaml.append("X-STREAM, X-HUGE, X-LOOP] }\n");
    Files.writeString(plan.resolve("checklist.md"), checklist);
    Files.writeString(plan.resolve("golive.yaml"), yaml);
    return plan;
  }
}
