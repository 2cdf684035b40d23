package dev.golive.bench;

import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import dev.golive.daemon.Daemon;
import dev.golive.daemon.DaemonOptions;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures one process carrying N http probes (default 10,000) against a loopback target. Run with
 * {@code mvn -q test-compile && java -cp "target/classes:target/test-classes:$(cat target/cp.txt)"
 * dev.golive.bench.ScaleBenchmark 10000 10s 60} after {@code mvn -q dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}. Every 10 s prints runs (and runs per second over those 10 s), runs that ended in
 * an error (timeouts), items done, the longest probe run, the worst event-loop lag of all loops (over those 10 s and
 * since the start), the CPU share of the busiest event-loop thread over those 10 s (from the second line on) and heap.
 */
public final class ScaleBenchmark {
  public static void main(String[] args) throws Exception {
    int probes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String interval = args.length > 1 ? args[1] : "10s";
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;

    Vertx targetVertx = Vertx.vertx();
    AtomicLong served = new AtomicLong();
    HttpServer target = targetVertx.createHttpServer().requestHandler(r -> {
      served.incrementAndGet();
      r.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();

    Path dir = Files.createTempDirectory("golive-bench");
    Path plan = Files.createDirectories(dir.resolve("probes/bench"));
    StringBuilder checklist = new StringBuilder("# Bench\n");
    StringBuilder yaml = new StringBuilder("service: bench\ndefaults: { interval: " + interval + ", timeout: 5s }\n"
        + "probes:\n");
    for (int i = 0; i < probes; i++) {
      checklist.append("- [ ] BN-").append(i).append(" endpoint ").append(i).append(" answers\n");
      yaml.append("  - { id: p").append(i).append(", http: { url: \"http://127.0.0.1:").append(target.actualPort())
          .append("/h/").append(i).append("\" }, conditions: [\"[STATUS] == 200\", \"[BODY].status == ok\"], ")
          .append("ticks: [BN-").append(i).append("] }\n");
    }
    Files.writeString(plan.resolve("checklist.md"), checklist);
    Files.writeString(plan.resolve("golive.yaml"), yaml);

    long t0 = System.nanoTime();
    List<PlanConfig> plans = PlanLoader.loadAll(List.of(plan), Secrets.of(java.util.Map.of()));
    long loaded = System.nanoTime();
    Daemon daemon = Daemon.start(plans, DaemonOptions.embedded("127.0.0.1", 0, dir.resolve("data"), null),
        Secrets.of(java.util.Map.of()));
    long started = System.nanoTime();
    System.out.printf("probes=%d interval=%s load=%dms start=%dms%n", probes, interval,
        TimeUnit.NANOSECONDS.toMillis(loaded - t0), TimeUnit.NANOSECONDS.toMillis(started - loaded));

    // event-loop lag: a 100 ms periodic timer on every event loop of the daemon, measuring how late it fires; the
    // worst of all loops over the last 10 s and since the start
    VertxInternal vertx = (VertxInternal) daemon.vertx();
    AtomicLong windowLagMs = new AtomicLong();
    AtomicLong maxLagMs = new AtomicLong();
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      long[] last = {System.nanoTime()};
      vertx.contextBuilder().withEventLoop((EventLoop) loop).build().runOnContext(v -> vertx.setPeriodic(100, id -> {
        long now = System.nanoTime();
        long lag = TimeUnit.NANOSECONDS.toMillis(now - last[0]) - 100;
        windowLagMs.accumulateAndGet(lag, Math::max);
        maxLagMs.accumulateAndGet(lag, Math::max);
        last[0] = now;
      }));
    }

    // CPU time of each event-loop thread: how busy the busiest loop (the plan's) was over the last 10 s
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    java.util.Map<Long, Long> cpuBefore = new java.util.HashMap<>();
    double lastRuns = 0;
    for (int s = 10; s <= seconds; s += 10) {
      Thread.sleep(10_000);
      double runs = daemon.registry().find("golive_probe_runs_total").counters().stream()
          .mapToDouble(Counter::count).sum();
      double errors = daemon.registry().find("golive_probe_runs_total").tag("result", "error").counters().stream()
          .mapToDouble(Counter::count).sum();
      double maxProbeMs = daemon.registry().find("golive_probe_duration").timers().stream()
          .mapToDouble(t -> t.max(TimeUnit.MILLISECONDS)).max().orElse(0);
      long done = daemon.runtimes().get("bench").items().values().stream()
          .filter(v -> v.state().label().equals("done")).count();
      double busiest = 0;
      for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
        if (!info.getThreadName().startsWith("vert.x-eventloop-thread")) continue;
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        Long before = cpuBefore.put(info.getThreadId(), cpu);
        if (before != null) busiest = Math.max(busiest, (cpu - before) / 1e9 / 10 * 100);
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
      System.out.printf("t=%ds runs=%.0f (%.0f/s in the last 10 s) errors=%.0f served=%d done=%d maxProbeMs=%.0f "
          + "loopLagMs=%d (max %d) busiestLoopCpu=%.0f%% heapMB=%d%n", s, runs, (runs - lastRuns) / 10, errors, served.get(), done,
          maxProbeMs, windowLagMs.getAndSet(0), maxLagMs.get(), busiest, heap);
      lastRuns = runs;
    }
    daemon.close();
    targetVertx.close();
  }
}
