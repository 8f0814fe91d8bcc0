package org.lungscan.predictions.inference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** One request waiting in the queue: its input, the caller's future, and when it must be answered by. */
record PendingPrediction(ScanTensor tensor, CompletableFuture<Prediction> future, Duration deadline,
                         long deadlineNanos) {

    static PendingPrediction of(ScanTensor tensor, Duration deadline) {
        long due = System.nanoTime() + deadline.toNanos();
        return new PendingPrediction(tensor, new CompletableFuture<>(), deadline, due);
    }

    boolean isAnswered() {
        return future.isDone();
    }

    boolean isPastDeadline(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    /** Fails the future with a {@link TimeoutException}; true if this call is what ended it. */
    boolean expire() {
        return future.completeExceptionally(new TimeoutException(
                "no prediction within the deadline of " + deadline.toMillis() + " ms"));
    }
}
