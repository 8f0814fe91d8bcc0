package org.lungscan.platform;

import java.time.Duration;

/**
 * Refused for now after repeated failures; the caller may try again after {@link #retryAfter()}.
 */
public class TooManyAttempts extends RuntimeException {

  private final Duration retryAfter;

  public TooManyAttempts(Duration retryAfter) {
    super("Too many failed attempts. Try again in " + secondsOf(retryAfter) + " seconds.");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds to wait, rounded up: a client that waits this long is not refused again. */
  public long retryAfterSeconds() {
    return secondsOf(retryAfter);
  }

  private static long secondsOf(Duration wait) {
    return Math.max(1, wait.plusNanos(999_999_999).toSeconds());
  }
}
