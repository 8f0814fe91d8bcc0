package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lungscan.platform.TooManyAttempts;

class SignInThrottleTest {

  static final SignInThrottle.Limits LIMITS =
      new SignInThrottle.Limits(
          5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(2));
  private static final String DOCTOR = SignInThrottle.accountOf(Optional.of(7L), "a@x.org");
  private static final String DOCTORS_PC = "10.0.0.99";
  private static final String STRANGER = "203.0.113.66";

  private final MovableClock clock = new MovableClock();
  private final SignInThrottle throttle = new SignInThrottle(clock, LIMITS);

  @Test
  void anAddressMayFailAFewTimesForAnAccountThenWaitsLongerAfterEachFailure() {
    for (int i = 0; i < LIMITS.failuresPerAccount() - 1; i++) {
      throttle.recordFailure(DOCTOR, DOCTORS_PC);
      assertDoesNotThrow(() -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
    }
    throttle.recordFailure(DOCTOR, DOCTORS_PC);
    assertEquals(Duration.ofSeconds(30), waitFor(DOCTOR, DOCTORS_PC));

    clock.pass(Duration.ofSeconds(31));
    assertDoesNotThrow(() -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
    throttle.recordFailure(DOCTOR, DOCTORS_PC);
    assertEquals(Duration.ofSeconds(60), waitFor(DOCTOR, DOCTORS_PC));
  }

  @Test
  void theLastFailuresBeforeTheWaitSlowDownFirst() {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < LIMITS.failuresPerAccount(); i++) {
      delays.add(throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
      throttle.recordFailure(DOCTOR, DOCTORS_PC);
    }
    assertEquals(
        List.of(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2)),
        delays);
    assertThrows(
        TooManyAttempts.class, () -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
  }

  @Test
  void aStrangerFailingFromElsewhereSlowsTheDoctorButNeverRefusesThem() {
    for (int i = 0; i < 200; i++) {
      throttle.recordFailure(DOCTOR, STRANGER);
      clock.pass(Duration.ofSeconds(7));
      Duration delay =
          assertDoesNotThrow(() -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
      assertTrue(delay.compareTo(LIMITS.longestDelay()) <= 0, delay::toString);
    }
    assertEquals(LIMITS.longestDelay(), throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
    assertThrows(TooManyAttempts.class, () -> throttle.delayBeforePasswordCheck(DOCTOR, STRANGER));
  }

  @Test
  void afterTheDoctorsOwnWaitEndsTheirPasswordIsCheckedAlthoughAStrangerKeepsFailing() {
    for (int i = 0; i < LIMITS.failuresPerAccount(); i++) {
      throttle.recordFailure(DOCTOR, DOCTORS_PC);
    }
    Instant waitEnds = clock.instant().plus(waitFor(DOCTOR, DOCTORS_PC));
    while (clock.instant().isBefore(waitEnds)) {
      throttle.recordFailure(DOCTOR, STRANGER);
      assertThrows(
          TooManyAttempts.class, () -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
      clock.pass(Duration.ofSeconds(1));
    }
    throttle.recordFailure(DOCTOR, STRANGER);
    assertDoesNotThrow(() -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
    throttle.recordSuccess(DOCTOR, DOCTORS_PC);
    assertEquals(Duration.ZERO, throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
    assertThrows(
        TooManyAttempts.class,
        () -> throttle.delayBeforePasswordCheck(DOCTOR, STRANGER),
        "the doctor's sign-in does not end the stranger's wait");
  }

  @Test
  void theWaitNeverExceedsTheCeilingAndIsForgottenAfterAQuietPeriod() {
    for (int i = 0; i < 40; i++) {
      throttle.recordFailure(DOCTOR, DOCTORS_PC);
    }
    assertEquals(LIMITS.longestWait(), waitFor(DOCTOR, DOCTORS_PC));
    clock.pass(LIMITS.longestWait().multipliedBy(2).plusSeconds(1));
    throttle.recordFailure(DOCTOR, DOCTORS_PC);
    assertDoesNotThrow(
        () -> throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC), "an old streak is forgotten");
  }

  @Test
  void oneAddressTryingManyAccountsIsSlowedThenRefused() {
    for (int i = 0; i < LIMITS.failuresPerAddress(); i++) {
      throttle.recordFailure(account("user" + i + "@x.org"), "192.0.2.7");
    }
    assertEquals(Duration.ofSeconds(30), waitFor(account("fresh@x.org"), "192.0.2.7"));
    assertEquals(
        Duration.ZERO,
        throttle.delayBeforePasswordCheck(account("fresh@x.org"), "192.0.2.8"),
        "other addresses are not affected");
  }

  @Test
  void oneIpv6SubscriberCountsAsOneAddress() {
    for (int i = 0; i < LIMITS.failuresPerAccount(); i++) {
      throttle.recordFailure(DOCTOR, "2001:db8:1:2::" + Integer.toHexString(i + 1));
    }
    assertEquals(Duration.ofSeconds(30), waitFor(DOCTOR, "2001:db8:1:2:ffff::1"));
    assertDoesNotThrow(() -> throttle.delayBeforePasswordCheck(DOCTOR, "2001:db8:1:3::1"));
  }

  @Test
  void aSuccessForgetsTheAccountsFailuresButNotAStrangersWait() {
    for (int i = 0; i < LIMITS.failuresPerAccount() - 1; i++) {
      throttle.recordFailure(DOCTOR, DOCTORS_PC);
    }
    for (int i = 0; i < LIMITS.failuresPerAccount(); i++) {
      throttle.recordFailure(DOCTOR, STRANGER);
    }
    throttle.recordSuccess(DOCTOR, DOCTORS_PC);
    throttle.recordFailure(DOCTOR, DOCTORS_PC);
    assertEquals(Duration.ZERO, throttle.delayBeforePasswordCheck(DOCTOR, DOCTORS_PC));
    assertThrows(TooManyAttempts.class, () -> throttle.delayBeforePasswordCheck(DOCTOR, STRANGER));
  }

  @Test
  void anAccountIsCountedByIdAndAnUnknownEmailByItself() {
    assertEquals(
        SignInThrottle.accountOf(Optional.of(7L), "a@x.org"),
        SignInThrottle.accountOf(Optional.of(7L), "other.spelling@x.org"));
    assertNotEquals(account("a@x.org"), account("b@x.org"));
    assertNotEquals(SignInThrottle.accountOf(Optional.of(7L), "a@x.org"), account("a@x.org"));
    assertEquals(account("x".repeat(254)), account("x".repeat(300)), "kept to the column size");
  }

  private static String account(String email) {
    return SignInThrottle.accountOf(Optional.empty(), email);
  }

  private Duration waitFor(String account, String address) {
    return assertThrows(
            TooManyAttempts.class, () -> throttle.delayBeforePasswordCheck(account, address))
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
