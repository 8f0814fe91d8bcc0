package org.lungscan.scans.images;

import java.time.Duration;
import java.util.Optional;

/**
 * An image was not decoded because the memory set aside for decoding cannot take it: either other
 * images hold that memory now (try again after {@link #retryAfter()}), or this image alone needs
 * more than all of it (no retry will help; {@link #retryAfter()} is empty).
 */
public class DecodingUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final long MIB = 1024 * 1024;

  private final transient Duration retryAfter;

  private DecodingUnavailableException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  static DecodingUnavailableException busy(Duration retryAfter) {
    return new DecodingUnavailableException(
        "The server is busy decoding other images. Please try again shortly.", retryAfter);
  }

  static DecodingUnavailableException tooLarge(long neededBytes, long budgetBytes) {
    return new DecodingUnavailableException(
        "This image needs "
            + Math.max(1, neededBytes / MIB)
            + " MB of memory to decode, more than the "
            + budgetBytes / MIB
            + " MB this server sets aside for decoding images"
            + " (setting lungscan.images.decode-memory-bytes).",
        null);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
