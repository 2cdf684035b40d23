package dev.golive.cli;

import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code golive run}: the daemon. Runs until SIGTERM/SIGINT; the shutdown hook closes everything. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the daemon: schedule probes, tick items, serve the API, metrics and status page.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin PlanArguments plans;
  @Mixin ServerOptions server;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Secrets secrets = Secrets.fromEnvironment();
    List<PlanConfig> loaded = plans.load(secrets, spec.commandLine().getErr());
    if (loaded == null) return Main.BAD_INPUT;
    return serve(loaded, server.toOptions(), secrets, spec,
        daemon -> dev.golive.daemon.PlanReloader.start(daemon, plans.all(), secrets, daemon.registry()), () -> { });
  }

  /** Starts the daemon and blocks until the JVM is asked to stop. */
  static int serve(List<PlanConfig> plans, DaemonOptions options, Secrets secrets, CommandSpec spec) {
    return serve(plans, options, secrets, spec, d -> { }, () -> { });
  }

  /**
   * Like {@link #serve(List, DaemonOptions, Secrets, CommandSpec)}; {@code started} runs once the daemon listens,
   * {@code stopped} after it has closed on shutdown (and when it could not start).
   */
  static int serve(List<PlanConfig> plans, DaemonOptions options, Secrets secrets, CommandSpec spec,
      java.util.function.Consumer<Daemon> started, Runnable stopped) {
    Daemon daemon;
    try {
      daemon = Daemon.start(plans, options, secrets);
    } catch (RuntimeException e) {
      stopped.run();
      String why = secrets.redact(e.getMessage());
      spec.commandLine().getErr().println("golive: cannot start: " + why
          + (why.contains("already in use") ? " (choose another port with --port; --port 0 picks a free one)" : ""));
      return Main.FAILED;
    }
    started.accept(daemon);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      daemon.close();
      stopped.run();
      closed.countDown();
    }, "golive-shutdown"));
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.OK;
  }
}
