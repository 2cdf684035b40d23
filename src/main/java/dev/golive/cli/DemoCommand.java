package dev.golive.cli;

import dev.golive.config.PlanConfig;
import dev.golive.config.Secrets;
import dev.golive.daemon.DaemonOptions;
import dev.golive.demo.DemoPlan;
import dev.golive.demo.DemoService;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code golive demo}: starts a small fake service on loopback and the daemon on the {@code probes/demo} plan, so a
 * newcomer sees items tick, fail and contradict within a minute, with nothing to install.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the daemon on the demo plan against a built-in fake service (loopback only).")
final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Option(names = "--port", defaultValue = "8080", description = "golive's HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data", defaultValue = "data/demo", description = "State directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--service-port", defaultValue = "" + DemoPlan.SERVICE_PORT,
      description = "The fake service's HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int servicePort;

  @Option(names = "--service-tls-port", defaultValue = "" + DemoPlan.SERVICE_TLS_PORT,
      description = "The fake service's HTTPS port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int serviceTlsPort;

  @Option(names = "--plan", description = "The demo plan folder (default: probes/demo, else the copy in the jar).")
  Path plan;

  @Option(names = "--chaos", description = "The second act: a minute after start the fake service fails half its "
      + "requests for 90s, so the error-rate rollback trigger fires, alerts (log notifier) and then resolves.")
  boolean chaos;

  @Option(names = "--stop-after", paramLabel = "DURATION",
      description = "Stop by itself after this long, e.g. 30s (smoke tests; the build's class-data archive run).")
  String stopAfter;

  @Spec CommandSpec spec;

  /** From --stop-after: when the demo exits by itself (null: never). */
  private java.time.Duration stop;

  @Override
  public Integer call() throws Exception {
    try {
      stop = stopAfter == null ? null : dev.golive.config.Durations.parse(stopAfter);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("golive: --stop-after: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    Vertx vertx = Vertx.vertx();
    DemoService service;
    Path planDir;
    String token;
    Path caFile;
    try {
      token = DemoPlan.apiToken(data);
      service = DemoService.start(vertx, servicePort, serviceTlsPort, DemoPlan.tls(data))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      planDir = DemoPlan.withServicePorts(DemoPlan.folder(plan, data), data, service.port(), service.tlsPort());
      caFile = DemoPlan.caFile(data);
    } catch (Exception e) {
      vertx.close();
      Throwable c = e.getCause() == null ? e : e.getCause();
      String why = String.valueOf(c.getMessage());
      spec.commandLine().getErr().println("golive: cannot start the demo service on 127.0.0.1:"
          + servicePort + "/" + serviceTlsPort + ": " + why
          + (why.contains("already in use") ? " (choose other ports: --service-port 0 --service-tls-port 0 picks free "
              + "ones)" : ""));
      return Main.FAILED;
    }
    Secrets secrets = Secrets.fromEnvironment().withEnvironment(Map.of(
        "DEMO_ADMIN_TOKEN", DemoService.ADMIN_TOKEN,
        "DEMO_VERIFY_TOKEN", DemoService.VERIFY_TOKEN,
        "DEMO_APP_SECRET", DemoService.APP_SECRET,
        "DEMO_CA_FILE", caFile.toAbsolutePath().toString()));
    PlanArguments args = new PlanArguments();
    args.paths = List.of(planDir);
    List<PlanConfig> loaded = args.load(secrets, spec.commandLine().getErr());
    Runnable stopService = () -> {
      service.close();
      vertx.close();
    };
    if (loaded == null) {
      stopService.run();
      return Main.BAD_INPUT;
    }
    LOG.info("demo service on http://127.0.0.1:{} and https://127.0.0.1:{}", service.port(), service.tlsPort());
    LOG.info("demo plan {}; API write token in {}", planDir, data.resolve(DemoPlan.TOKEN_FILE));
    // the service stops after the daemon: no probe sees it vanish mid-shutdown
    return RunCommand.serve(loaded, DaemonOptions.embedded("127.0.0.1", port, data, token), secrets, spec,
        daemon -> started(daemon, service, vertx, planDir, caFile), stopService);
  }

  /** Once golive listens: where to look, how to check the demo from another terminal, and the second act. */
  private void started(dev.golive.daemon.Daemon daemon, DemoService service, Vertx vertx, Path planDir, Path caFile) {
    LOG.info("open http://127.0.0.1:{}/ for the status page", daemon.port());
    LOG.info("check the demo from another terminal: DEMO_CA_FILE={} golive check {}",
        caFile.toAbsolutePath().normalize(), planDir);
    if (chaos) {
      LOG.info("chaos in 60s: the demo service will fail half its requests for 90s");
      vertx.setTimer(60_000, t -> {
        LOG.warn("chaos: the demo service now fails half its requests for 90s "
            + "(watch /api/plans/demo/deployments/current)");
        service.chaos(0.5, java.time.Duration.ofSeconds(90));
      });
    }
    if (stop != null) {
      // exit from a thread of its own: System.exit waits for the shutdown hooks, which close this Vert.x
      vertx.setTimer(Math.max(1, stop.toMillis()), t -> new Thread(() -> System.exit(Main.OK), "golive-demo-stop").start());
    }
  }
}
