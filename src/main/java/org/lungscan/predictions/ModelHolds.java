package org.lungscan.predictions;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The holds on one loaded model: a prediction or a heatmap holds the model it started with until it
 * is done. Once the model is retired (another took its place) and its last hold is let go, it is
 * closed once, on the background executor: never in the thread that retired it (an activation's
 * request) nor in the one that let go (a prediction's), because closing waits for the model's
 * workers to stop. Thread-safe.
 */
final class ModelHolds {

  private final AtomicInteger holds = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Runnable close;
  private final Executor background;
  private volatile boolean retired;

  /**
   * @param close frees the model (its queue's workers, its networks' native memory)
   * @param background where {@code close} runs; when it refuses (shutting down), the caller runs it
   */
  ModelHolds(Runnable close, Executor background) {
    this.close = close;
    this.background = background;
  }

  /** Takes a hold, unless the model is retired. @return whether the model is now held */
  boolean take() {
    holds.incrementAndGet();
    if (!retired) {
      return true;
    }
    letGo();
    return false;
  }

  void letGo() {
    if (holds.decrementAndGet() == 0 && retired) {
      closeInBackground();
    }
  }

  /** No new holds from now on; the model is closed once nothing holds it. */
  void retire() {
    retired = true;
    if (holds.get() == 0) {
      closeInBackground();
    }
  }

  /** Whether the model's closing has been handed over (it never is while it is held). */
  boolean closing() {
    return closing.get();
  }

  private void closeInBackground() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      background.execute(close);
    } catch (RejectedExecutionException shuttingDown) {
      close.run();
    }
  }
}
