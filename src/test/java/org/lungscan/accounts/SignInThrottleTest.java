package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.lungscan.platform.TooManyAttempts;

class SignInThrottleTest {

  private final MovableClock clock = new MovableClock();
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void anAccountMayFailAFewTimesThenWaitsLongerAfterEachFailure() {
    for (int i = 0; i < SignInThrottle.ACCOUNT_FAILURES_ALLOWED - 1; i++) {
      throttle.recordFailure("a@x.org", "10.0.0." + i);
      assertDoesNotThrow(() -> throttle.checkAllowed("a@x.org", "10.0.0.99"));
    }
    throttle.recordFailure("a@x.org", "10.0.0.50");
    assertEquals(Duration.ofSeconds(30), waitFor("a@x.org", "10.0.0.99"));

    clock.pass(Duration.ofSeconds(31));
    assertDoesNotThrow(() -> throttle.checkAllowed("a@x.org", "10.0.0.99"));
    throttle.recordFailure("a@x.org", "10.0.0.51");
    assertEquals(Duration.ofSeconds(60), waitFor("a@x.org", "10.0.0.99"));
  }

  @Test
  void theWaitNeverExceedsTheCeilingAndIsForgottenAfterAQuietPeriod() {
    for (int i = 0; i < 40; i++) {
      throttle.recordFailure("b@x.org", null);
    }
    assertEquals(SignInThrottle.LONGEST_WAIT, waitFor("b@x.org", "10.1.1.1"));
    clock.pass(SignInThrottle.LONGEST_WAIT.plus(SignInThrottle.FORGET_AFTER).plusSeconds(1));
    throttle.recordFailure("b@x.org", null);
    assertDoesNotThrow(
        () -> throttle.checkAllowed("b@x.org", "10.1.1.1"), "an old streak is forgotten");
  }

  @Test
  void oneAddressTryingManyAccountsIsSlowedToo() {
    for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES_ALLOWED; i++) {
      throttle.recordFailure("user" + i + "@x.org", "192.0.2.7");
    }
    assertEquals(Duration.ofSeconds(30), waitFor("fresh@x.org", "192.0.2.7"));
    assertDoesNotThrow(
        () -> throttle.checkAllowed("fresh@x.org", "192.0.2.8"),
        "other addresses are not affected");
  }

  @Test
  void aSuccessForgetsTheAccountsFailures() {
    for (int i = 0; i < SignInThrottle.ACCOUNT_FAILURES_ALLOWED - 1; i++) {
      throttle.recordFailure("c@x.org", null);
    }
    throttle.recordSuccess("c@x.org");
    throttle.recordFailure("c@x.org", null);
    assertDoesNotThrow(() -> throttle.checkAllowed("c@x.org", null));
  }

  private Duration waitFor(String email, String address) {
    return assertThrows(TooManyAttempts.class, () -> throttle.checkAllowed(email, address))
        .retryAfter();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    void pass(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
