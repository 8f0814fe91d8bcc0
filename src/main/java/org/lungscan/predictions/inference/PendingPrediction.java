package org.lungscan.predictions.inference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request waiting in the queue: its input, the caller's future, and when it must be answered
 * by.
 */
record PendingPrediction(
    ScanTensor tensor,
    CompletableFuture<ModelAnswer> future,
    Duration deadline,
    long deadlineNanos,
    AtomicBoolean settled) {

  static PendingPrediction of(ScanTensor tensor, Duration deadline, long nowNanos) {
    long due = nowNanos + deadline.toNanos();
    return new PendingPrediction(
        tensor, new CompletableFuture<>(), deadline, due, new AtomicBoolean());
  }

  /**
   * Claims the one answer this request gets: true only for the first of its prediction, its failure
   * and its deadline, so that exactly one of them is counted, before the caller can see it.
   */
  boolean claim() {
    return settled.compareAndSet(false, true);
  }

  boolean isAnswered() {
    return settled.get();
  }

  boolean isPastDeadline(long nowNanos) {
    return nowNanos - deadlineNanos >= 0;
  }

  /**
   * Fails the future with a {@link TimeoutException}; for the caller that {@link #claim claimed}
   * it.
   */
  void expire() {
    future.completeExceptionally(
        new TimeoutException(
            "no prediction within the deadline of " + deadline.toMillis() + " ms"));
  }
}
