package dev.golive.daemon;

import org.quartz.spi.ThreadPool;

/**
 * A Quartz thread pool that runs each fired job on the scheduler's own thread. golive's only job hands the run over
 * to an event loop and returns at once, so a worker thread would only add a wake-up and a context switch to every run
 * (at 1,000 runs a second, about two of them per run). Quartz acquires up to {@link #BATCH} triggers due at the same
 * instant at a time and fires them in a row.
 *
 * <p>Named in Quartz's properties ({@code org.quartz.threadPool.class}), so it must be public with a no-argument
 * constructor. A job that blocked here would delay every other probe: jobs given to it must not block.
 */
public final class InlineThreadPool implements ThreadPool {
  /** How many triggers Quartz hands over per acquisition (its {@code batchTriggerAcquisitionMaxCount}). */
  static final int BATCH = 64;

  @Override
  public boolean runInThread(Runnable runnable) {
    runnable.run();
    return true;
  }

  @Override
  public int blockForAvailableThreads() {
    return BATCH;
  }

  @Override
  public void initialize() {
    // nothing to start
  }

  @Override
  public void shutdown(boolean waitForJobsToComplete) {
    // nothing runs outside the caller's thread
  }

  @Override
  public int getPoolSize() {
    return BATCH;
  }

  @Override
  public void setInstanceId(String schedInstId) {
    // not used
  }

  @Override
  public void setInstanceName(String schedName) {
    // not used
  }
}
