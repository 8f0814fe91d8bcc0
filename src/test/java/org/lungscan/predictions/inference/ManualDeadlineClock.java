package org.lungscan.predictions.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * A clock for the inference queue that moves only when the test moves it. Timers due by then run in
 * the thread that moves it, before {@link #advance} returns.
 */
final class ManualDeadlineClock implements DeadlineClock {

  private record Timer(long dueNanos, FutureTask<Void> task) {}

  private final List<Timer> timers = new ArrayList<>();
  private long now = 1_000_000_000L;
  private boolean stopped;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Future<?> runAt(long dueNanos, Runnable task) {
    if (stopped) {
      throw new RejectedExecutionException("the clock's timer was stopped");
    }
    Timer timer = new Timer(dueNanos, new FutureTask<>(task, null));
    timers.add(timer);
    return timer.task();
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    timers.clear();
  }

  /** Moves time on and runs every timer that is due by then. */
  void advance(Duration time) {
    List<Timer> due = new ArrayList<>();
    synchronized (this) {
      now += time.toNanos();
      timers.removeIf(timer -> timer.dueNanos() - now <= 0 && due.add(timer));
    }
    due.forEach(timer -> timer.task().run());
  }

  /** Moves time on without running any timer, as when the timer thread falls behind. */
  synchronized void advanceWithTimersLate(Duration time) {
    now += time.toNanos();
  }
}
