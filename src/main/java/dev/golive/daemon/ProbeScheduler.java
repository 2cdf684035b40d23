package dev.golive.daemon;

import dev.golive.probe.Probe;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Schedules probes with Quartz. A firing only hands the run to the probe's event loop and returns, on Quartz's own
 * scheduler thread ({@link InlineThreadPool}: no worker thread, no extra wake-up per run), so one thread carries any
 * number of probes; the probe itself runs non-blocking on the event loop. One job instance serves every probe: the
 * plan and probe are the job's key (group, name), so a firing allocates no job and reads no job data. First runs are spread
 * evenly over one interval (at most a minute) among the probes sharing that interval, the first one at once, so that
 * thousands of probes run evenly instead of in bursts and the first result comes without waiting.
 */
public final class ProbeScheduler implements AutoCloseable {
  private static final long MAX_INITIAL_SPREAD_MS = 60_000;
  /** How early a firing may go out with the batch of an earlier one. */
  static final long FIRE_AHEAD_MS = 5;
  private static final java.util.concurrent.atomic.AtomicInteger INSTANCES =
      new java.util.concurrent.atomic.AtomicInteger();

  private final Scheduler scheduler;
  private final Map<String, PlanRuntime> runtimes = new ConcurrentHashMap<>();

  public ProbeScheduler() throws SchedulerException {
    Properties p = new Properties();
    // unique per instance: Quartz keeps schedulers in a JVM-wide registry by name (two daemons in one JVM: tests)
    p.setProperty("org.quartz.scheduler.instanceName", "golive-" + INSTANCES.incrementAndGet());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", InlineThreadPool.class.getName());
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(InlineThreadPool.BATCH));
    // firings due within a few milliseconds of each other go out together: one wake-up of the scheduler thread for
    // the batch instead of one per probe; a run starts at most that much early (its lag counts as zero)
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", String.valueOf(FIRE_AHEAD_MS));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
    scheduler = new StdSchedulerFactory(p).getScheduler();
    RunProbe job = new RunProbe(runtimes);
    scheduler.setJobFactory((bundle, sched) -> job);
  }

  /** Schedules every probe of the plan at its interval. */
  public void schedule(PlanRuntime runtime) throws SchedulerException {
    runtimes.put(runtime.name(), runtime);
    scheduleSpread(runtime, List.copyOf(runtime.probes().values()));
  }

  /**
   * Schedules {@code probes} of the plan, first runs spread evenly over one interval (at most a minute) among the
   * probes that share it, the first at once.
   */
  private void scheduleSpread(PlanRuntime runtime, List<Probe> probes) throws SchedulerException {
    Map<Long, Integer> sharing = new java.util.HashMap<>();
    for (Probe probe : probes) sharing.merge(intervalMs(probe), 1, Integer::sum);
    Map<Long, Integer> placed = new java.util.HashMap<>();
    for (Probe probe : probes) {
      JobDetail job = JobBuilder.newJob(RunProbe.class)
          .withIdentity(probe.id(), runtime.name())
          .build();
      long interval = intervalMs(probe);
      int slot = placed.merge(interval, 1, Integer::sum) - 1;
      long spread = Math.min(interval, MAX_INITIAL_SPREAD_MS) * slot / sharing.get(interval);
      Trigger trigger = TriggerBuilder.newTrigger()
          .withIdentity(probe.id(), runtime.name())
          .startAt(new Date(System.currentTimeMillis() + spread))
          .withSchedule(SimpleScheduleBuilder.simpleSchedule()
              .withIntervalInMilliseconds(interval)
              .repeatForever()
              .withMisfireHandlingInstructionNextWithRemainingCount())
          .build();
      scheduler.scheduleJob(job, trigger);
    }
  }

  private static long intervalMs(Probe probe) {
    return Math.max(1000, probe.interval().toMillis());
  }

  /**
   * Points the plan's schedule at {@code fresh}, which replaces the running runtime of the same plan: probes in
   * {@code unchanged} keep their triggers (their next run comes when it would have), the others of the old runtime are
   * unscheduled and the new ones scheduled (first runs spread over one interval, as at start).
   */
  public void replace(PlanRuntime fresh, java.util.Set<String> unchanged) throws SchedulerException {
    PlanRuntime old = runtimes.put(fresh.name(), fresh);
    if (old != null) {
      for (String probe : old.probes().keySet()) {
        if (!unchanged.contains(probe)) scheduler.deleteJob(new JobKey(probe, fresh.name()));
      }
    }
    scheduleSpread(fresh, fresh.probes().values().stream().filter(p -> !unchanged.contains(p.id())).toList());
  }

  /** When {@code probe} of {@code plan} runs next, or null when it is not scheduled. */
  java.util.Date nextRun(String plan, String probe) throws SchedulerException {
    Trigger t = scheduler.getTrigger(new org.quartz.TriggerKey(probe, plan));
    return t == null ? null : t.getNextFireTime();
  }

  /** Removes every probe of the plan (it stopped here); a run already handed to its context still completes. */
  public void unschedule(String plan) throws SchedulerException {
    runtimes.remove(plan);
    scheduler.deleteJobs(new java.util.ArrayList<>(scheduler.getJobKeys(
        org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(plan))));
  }

  public void start() throws SchedulerException {
    scheduler.start();
  }

  public int scheduledProbes() {
    return runtimes.values().stream().mapToInt(r -> r.probes().size()).sum();
  }


  @Override
  public void close() {
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      // closing anyway
    }
  }

  /**
   * The one Quartz job: hands the run to its probe's event loop and returns at once. Runs on the scheduler thread;
   * the plan is the job key's group and the probe its name.
   */
  private static final class RunProbe implements Job {
    private final Map<String, PlanRuntime> runtimes;

    RunProbe(Map<String, PlanRuntime> runtimes) {
      this.runtimes = runtimes;
    }

    @Override
    public void execute(JobExecutionContext ctx) {
      JobKey key = ctx.getJobDetail().getKey();
      PlanRuntime runtime = runtimes.get(key.getGroup());
      if (runtime != null) runtime.run(key.getName(), ctx.getScheduledFireTime().toInstant());
    }
  }
}
