package org.lungscan.predictions.inference;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The inference queue's sense of time: when requests are due, and a timer that fails each one at
 * its deadline. The machine's monotonic clock in production; a test passes its own to decide when
 * time passes.
 */
interface DeadlineClock {

  /** Now, in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Runs {@code task} once {@link #nanoTime()} has reached {@code dueNanos}, unless the returned
   * future is cancelled first.
   *
   * @throws RejectedExecutionException once {@link #stop()} has run
   */
  Future<?> runAt(long dueNanos, Runnable task);

  /** Stops the timer: tasks not run yet never run. */
  void stop();

  /** {@link System#nanoTime()} and one timer thread made by {@code threads}. */
  static DeadlineClock system(ThreadFactory threads) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads);
    timer.setRemoveOnCancelPolicy(true);
    return new DeadlineClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Future<?> runAt(long dueNanos, Runnable task) {
        return timer.schedule(task, dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      }

      @Override
      public void stop() {
        timer.shutdownNow();
      }
    };
  }
}
