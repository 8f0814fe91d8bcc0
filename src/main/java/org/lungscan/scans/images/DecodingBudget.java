package org.lungscan.scans.images;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The memory and the decoder threads set aside for decoding images. A decode reserves the bytes its
 * pixels will take before it starts and gives them back when its caller is done with the pixels. A
 * reservation that does not fit waits, at most {@code maxWait}, for others to end.
 *
 * <p>Not first-come first-served on purpose: whoever fits when memory is given back goes ahead, so
 * a small scan never waits behind a huge one that does not fit yet; the huge one is refused when
 * its wait is over, never starved for longer.
 */
final class DecodingBudget {

  /** Memory reserved for one decode; give it back by closing it, once. */
  final class Reservation implements AutoCloseable {
    private final long bytes;
    private final long startNanos = System.nanoTime();
    private boolean closed;

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(bytes, System.nanoTime() - startNanos);
      }
    }
  }

  private static final long MAX_RETRY_SECONDS = 60;
  private static final double RECENT_WEIGHT = 0.2;

  /** A decode waiting for memory or a slot, since when. */
  private static final class Waiter {
    private final long sinceNanos = System.nanoTime();
  }

  private final long capacityBytes;
  private final int maxDecodes;
  private final long maxWaitNanos;
  private final long priorityAfterNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final List<Waiter> waiters = new ArrayList<>();
  private long reservedBytes;
  private int decodes;
  private double recentHoldNanos;

  /** Waiters take precedence over later arrivals after half of {@code maxWait}. */
  DecodingBudget(long capacityBytes, int maxDecodes, Duration maxWait) {
    this(capacityBytes, maxDecodes, maxWait, maxWait.dividedBy(2));
  }

  DecodingBudget(long capacityBytes, int maxDecodes, Duration maxWait, Duration priorityAfter) {
    if (capacityBytes < 1 || maxDecodes < 1 || maxWait.isNegative() || priorityAfter.isNegative()) {
      throw new IllegalArgumentException("The budget's limits must be positive.");
    }
    this.capacityBytes = capacityBytes;
    this.maxDecodes = maxDecodes;
    this.maxWaitNanos = maxWait.toNanos();
    this.priorityAfterNanos = priorityAfter.toNanos();
  }

  long capacityBytes() {
    return capacityBytes;
  }

  /**
   * @throws DecodingUnavailableException at once if {@code bytes} exceed the whole budget; after
   *     {@code maxWait} if they do not fit by then
   */
  Reservation reserve(long bytes) throws DecodingUnavailableException, InterruptedIOException {
    if (bytes > capacityBytes) {
      throw DecodingUnavailableException.tooLarge(bytes, capacityBytes);
    }
    lock.lock();
    try {
      if (!mayGo(bytes, waiters.size())) {
        awaitTurn(bytes);
      }
      reservedBytes += bytes;
      decodes++;
      return new Reservation(bytes);
    } finally {
      lock.unlock();
    }
  }

  private void awaitTurn(long bytes) throws DecodingUnavailableException, InterruptedIOException {
    Waiter waiter = new Waiter();
    waiters.add(waiter);
    try {
      long left = maxWaitNanos;
      while (!mayGo(bytes, waiters.indexOf(waiter))) {
        if (left <= 0) {
          throw DecodingUnavailableException.busy(retryAfter());
        }
        left = released.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to decode an image.");
    } finally {
      waiters.remove(waiter);
      // who was behind this waiter may go now
      released.signalAll();
    }
  }

  /** Whether a decode of {@code bytes}, with {@code ahead} waiters before it, may start now. */
  private boolean mayGo(long bytes, int ahead) {
    if (reservedBytes + bytes > capacityBytes || decodes >= maxDecodes) {
      return false;
    }
    long now = System.nanoTime();
    for (int i = 0; i < ahead; i++) {
      if (now - waiters.get(i).sinceNanos >= priorityAfterNanos) {
        return false;
      }
    }
    return true;
  }

  int waiting() {
    lock.lock();
    try {
      return waiters.size();
    } finally {
      lock.unlock();
    }
  }

  long reservedBytes() {
    lock.lock();
    try {
      return reservedBytes;
    } finally {
      lock.unlock();
    }
  }

  private void release(long bytes, long heldNanos) {
    lock.lock();
    try {
      reservedBytes -= bytes;
      decodes--;
      recentHoldNanos =
          recentHoldNanos == 0
              ? heldNanos
              : RECENT_WEIGHT * heldNanos + (1 - RECENT_WEIGHT) * recentHoldNanos;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** About how long decodes have lately held their memory: whole seconds, 1 to 60. */
  private Duration retryAfter() {
    long seconds = (long) Math.ceil(recentHoldNanos / TimeUnit.SECONDS.toNanos(1));
    return Duration.ofSeconds(Math.max(1, Math.min(MAX_RETRY_SECONDS, seconds)));
  }
}
