package org.lungscan.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lungscan.platform.TooManyAttempts;

/**
 * Slows down password guessing. After a few failed sign-ins for one account, or many from one
 * address, further attempts are refused for a while; each new failure doubles the wait, up to a
 * ceiling, and a quiet period or a successful sign-in forgets the failures, so the real doctor is
 * never locked out for good. Kept in memory: each instance throttles what it sees.
 */
@ApplicationScoped
public class SignInThrottle {

  static final int ACCOUNT_FAILURES_ALLOWED = 5;
  static final int ADDRESS_FAILURES_ALLOWED = 20;
  static final Duration FIRST_WAIT = Duration.ofSeconds(30);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  private static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  public SignInThrottle() {
    this(Clock.systemUTC());
  }

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Refuses with the time to wait when this account or this address must wait. */
  public void checkAllowed(String email, String address) {
    Instant now = clock.instant();
    Duration wait =
        max(
            waitFor(byAccount.get(email), now),
            address == null ? Duration.ZERO : waitFor(byAddress.get(address), now));
    if (!wait.isZero()) {
      throw new TooManyAttempts(wait);
    }
  }

  public void recordFailure(String email, String address) {
    Instant now = clock.instant();
    forgetOldFailuresIfCrowded(now);
    byAccount.compute(email, (k, f) -> Failures.after(f, now, ACCOUNT_FAILURES_ALLOWED));
    if (address != null) {
      byAddress.compute(address, (k, f) -> Failures.after(f, now, ADDRESS_FAILURES_ALLOWED));
    }
  }

  public void recordSuccess(String email) {
    byAccount.remove(email);
  }

  private static Duration waitFor(Failures failures, Instant now) {
    if (failures == null
        || failures.lockedUntil() == null
        || !failures.lockedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.lockedUntil());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private void forgetOldFailuresIfCrowded(Instant now) {
    if (byAccount.size() + byAddress.size() > MAX_TRACKED) {
      byAccount.values().removeIf(f -> f.isForgotten(now));
      byAddress.values().removeIf(f -> f.isForgotten(now));
    }
  }

  /** Consecutive failures, the last one's time, and until when attempts are refused. */
  record Failures(int count, Instant last, Instant lockedUntil) {

    static Failures after(Failures previous, Instant now, int allowed) {
      int count = previous == null || previous.isForgotten(now) ? 1 : previous.count + 1;
      return new Failures(
          count, now, count < allowed ? null : now.plus(waitAfter(count - allowed)));
    }

    static Duration waitAfter(int failuresBeyondAllowed) {
      Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(failuresBeyondAllowed, 10));
      return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    boolean isForgotten(Instant now) {
      Instant end = lockedUntil == null || lockedUntil.isBefore(last) ? last : lockedUntil;
      return end.plus(FORGET_AFTER).isBefore(now);
    }
  }
}
