package org.lungscan.platform;

import java.time.Duration;

/**
 * Refused for now after repeated failures; the caller may try again after {@link #retryAfter()}.
 */
public class TooManyAttempts extends RuntimeException {

  private final Duration retryAfter;

  public TooManyAttempts(Duration retryAfter) {
    super(
        "Too many failed attempts. Try again in "
            + Math.max(1, retryAfter.toSeconds())
            + " seconds.");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
