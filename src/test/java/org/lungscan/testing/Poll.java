package org.lungscan.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something a test can observe, instead of sleeping for a guessed time. */
public final class Poll {

  private static final long INTERVAL_MILLIS = 20;

  private Poll() {}

  /**
   * Returns as soon as {@code condition} holds; fails with {@code what} and {@code state} if it
   * still does not hold after {@code timeout}.
   */
  public static void until(
      Duration timeout, BooleanSupplier condition, String what, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "not within " + timeout.toSeconds() + " s: " + what + " (" + state.get() + ")");
      }
      Thread.sleep(INTERVAL_MILLIS);
    }
  }
}
