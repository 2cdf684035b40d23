package dev.golive.probe.command;

import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs the command on the blocking pool; the deadline is a little inside the probe's timeout so the kill is ours. */
final class CommandObserver implements Observer {
  private final CommandSpec spec;
  private final ProbeEnvironment env;
  private final Duration deadline;
  private final Map<String, String> environment;

  CommandObserver(CommandSpec spec, ProbeEnvironment env, Duration timeout, UnaryOperator<String> parentEnv) {
    this.spec = spec;
    this.env = env;
    this.deadline = inside(timeout);
    this.environment = CommandProbeKind.childEnvironment(spec.passEnv(), spec.setEnv(), parentEnv);
  }

  /** The process deadline: the probe timeout minus a margin (10%, at most 250ms) for reporting. */
  static Duration inside(Duration timeout) {
    long ms = timeout.toMillis();
    return Duration.ofMillis(Math.max(1, ms - Math.min(250, ms / 10)));
  }

  @Override
  public Future<Observation> observe() {
    return env.blocking().executeBlocking(() -> {
      // an unstartable program fails with the JDK's message: Cannot run program "x": error=2, No such file...
      BoundedProcess.Result r =
          BoundedProcess.run(spec.run(), environment, spec.dir(), deadline, spec.maxOutput(), spec.killTree());
      return Observation.builder()
          .put("EXIT_CODE", r.exitCode())
          .put("STDOUT", r.stdout())
          .put("BODY", r.stdout())
          .put("STDERR", r.stderr())
          .put("DURATION", r.duration())
          .put("TRUNCATED", r.stdoutTruncated())
          .build();
    }, false);
  }
}
