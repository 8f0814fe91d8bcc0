package org.lungscan.predictions.inference;

import java.time.Duration;

/**
 * The inference queue is full: the request was refused at once. Try again after {@link
 * #retryAfter()}.
 */
public class QueueFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public QueueFullException(int capacity, Duration retryAfter) {
    super(
        "the prediction queue is full ("
            + capacity
            + " scans waiting); retry after "
            + retryAfter.toSeconds()
            + " s");
    this.retryAfter = retryAfter;
  }

  /**
   * The estimated time until the queue has room: whole seconds, at least 1 (as an HTTP
   * Retry-After).
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
