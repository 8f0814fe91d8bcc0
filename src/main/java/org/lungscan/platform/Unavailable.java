package org.lungscan.platform;

import java.time.Duration;
import java.util.Optional;

/** A part the request needs cannot serve it now (no model loaded, a full queue). */
public class Unavailable extends RuntimeException {

  private final Duration retryAfter;

  public Unavailable(String reason, Duration retryAfter) {
    super(reason);
    this.retryAfter = retryAfter;
  }

  public Unavailable(String reason) {
    this(reason, null);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
