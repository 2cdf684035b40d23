package dev.golive.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Not a test: writes the benchmark's plans ({@link ProbeBenchmark#writePlans}) for {@code src/test/bench/start-time.sh}.
 * Arguments: the folder of plans, the number of probes, the port of the loopback HTTP server they probe.
 */
public final class BenchPlans {
  private BenchPlans() {}

  public static void main(String[] args) throws Exception {
    ProbeBenchmark.writePlans(Path.of(args[0]), Integer.parseInt(args[1]), Duration.ofSeconds(10),
        Duration.ofSeconds(5), "", Integer.parseInt(args[2]));
  }
}
