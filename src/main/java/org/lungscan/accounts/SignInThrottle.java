package org.lungscan.accounts;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.lungscan.platform.ClientAddress;
import org.lungscan.platform.DataGrid;
import org.lungscan.platform.TooManyAttempts;

/**
 * Slows down password guessing without letting anyone lock a doctor out. Failed sign-ins are
 * counted three ways: per account (by id once the email is looked up, by the email when it belongs
 * to nobody), per account and client address, and per client address. Only the counts that include
 * the caller's own address ever refuse: after a few failures for one account from one address, or
 * many from one address, that address must wait, longer after each further failure; the last
 * failures before that slow it down first. An account's failures from everywhere only slow its
 * sign-ins, never refuse them, so a stranger failing elsewhere cannot keep the doctor out: once the
 * doctor's own address may try again, the right password signs in. A success forgets the account's
 * failures; a quiet period forgets everything. Kept in the data grid ({@link DataGrid}), so that
 * failures spread over the instances of a cluster add up; alone, in this instance's memory.
 */
@ApplicationScoped
public class SignInThrottle {

  private static final int MOST_HELD_BACK = 32;

  private static final int SLOWED_FAILURES = 3;
  private static final int MAX_TRACKED = 100_000;
  private static final String UNKNOWN_ADDRESS = "unknown";

  @Inject
  @ConfigProperty(name = "lungscan.sign-in.failures-per-account")
  int failuresPerAccount;

  @Inject
  @ConfigProperty(name = "lungscan.sign-in.failures-per-address")
  int failuresPerAddress;

  @Inject
  @ConfigProperty(name = "lungscan.sign-in.first-wait-seconds")
  long firstWaitSeconds;

  @Inject
  @ConfigProperty(name = "lungscan.sign-in.longest-wait-seconds")
  long longestWaitSeconds;

  @Inject
  @ConfigProperty(name = "lungscan.sign-in.longest-delay-millis")
  long longestDelayMillis;

  @Inject DataGrid grid;
  @Inject MetricRegistry metrics;
  private Counter failures;

  private final Clock clock;
  private Limits limits;
  private ConcurrentMap<String, String> byAccount = new ConcurrentHashMap<>();
  private ConcurrentMap<String, String> byAccountAndAddress = new ConcurrentHashMap<>();
  private ConcurrentMap<String, String> byAddress = new ConcurrentHashMap<>();
  private final Semaphore heldBack = new Semaphore(MOST_HELD_BACK);

  public SignInThrottle() {
    this(Clock.systemUTC(), null);
  }

  SignInThrottle(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
  }

  @PostConstruct
  void configure() {
    limits =
        new Limits(
            failuresPerAccount,
            failuresPerAddress,
            Duration.ofSeconds(firstWaitSeconds),
            Duration.ofSeconds(longestWaitSeconds),
            Duration.ofMillis(longestDelayMillis));
    // failures are forgotten after the longest wait without one, and a wait lasts at most that
    Duration kept = limits.longestWait().multipliedBy(2);
    byAccount = grid.map("sign-in-failures-by-account", kept);
    byAccountAndAddress = grid.map("sign-in-failures-by-account-and-address", kept);
    byAddress = grid.map("sign-in-failures-by-address", kept);
    failures =
        metrics.counter(
            Metadata.builder()
                .withName("sign_in_failures")
                .withDescription("Sign-ins refused for a wrong password (this instance)")
                .build());
  }

  /**
   * Who a sign-in is for, as the throttle counts it: the account's id when the email belongs to
   * one, so that every spelling that finds the account counts against it, else the email itself, so
   * that probing for accounts is slowed as well.
   */
  public static String accountOf(Optional<Long> doctorId, String normalizedEmail) {
    return doctorId
        .map(id -> "doctor " + id)
        .orElseGet(
            () -> "email " + normalizedEmail.substring(0, Math.min(254, normalizedEmail.length())));
  }

  /**
   * Before the password is checked: refuses with the time to wait when this address must wait for
   * this account or for all, else holds the attempt back for a while if it follows failures. The
   * delay comes before the check, since after it would slow no one: a client that has no answer
   * when a right password would have had one knows enough, and hangs up. At most {@value
   * #MOST_HELD_BACK} attempts are held back at once, so that they cannot use up the server's
   * threads; the refusals, not the delays, bound what a client may try.
   */
  public void beforePasswordCheck(String account, String address) {
    Duration delay = delayBeforePasswordCheck(account, address);
    if (delay.isZero() || !heldBack.tryAcquire()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      heldBack.release();
    }
  }

  /** Refuses as {@link #beforePasswordCheck} does, else answers the delay (often zero). */
  Duration delayBeforePasswordCheck(String account, String address) {
    Instant now = clock.instant();
    String network = networkOf(address);
    Failures pair = Failures.parse(byAccountAndAddress.get(pairOf(account, network)));
    Failures fromAddress = Failures.parse(byAddress.get(network));
    Duration wait = longer(waitFor(pair, now), waitFor(fromAddress, now));
    if (!wait.isZero()) {
      throw new TooManyAttempts(wait);
    }
    return longer(
        delayFor(Failures.parse(byAccount.get(account)), now, limits.failuresPerAccount()),
        longer(
            delayFor(pair, now, limits.failuresPerAccount()),
            delayFor(fromAddress, now, limits.failuresPerAddress())));
  }

  public void recordFailure(String account, String address) {
    if (failures != null) {
      failures.inc();
    }
    Instant now = clock.instant();
    forgetOldFailuresIfCrowded(now);
    String network = networkOf(address);
    count(byAccount, account, now, Integer.MAX_VALUE);
    count(byAccountAndAddress, pairOf(account, network), now, limits.failuresPerAccount());
    count(byAddress, network, now, limits.failuresPerAddress());
  }

  /**
   * Adds a failure atomically, also when the map is the grid's and another instance counts at the
   * same moment: compare and set, as the grid does it.
   */
  private void count(ConcurrentMap<String, String> counts, String key, Instant now, int allowed) {
    while (true) {
      String before = counts.get(key);
      String after = Failures.after(Failures.parse(before), now, allowed, limits).format();
      if (before == null
          ? counts.putIfAbsent(key, after) == null
          : counts.replace(key, before, after)) {
        return;
      }
    }
  }

  /**
   * The doctor proved who they are: the account's failures and those from this address for it are
   * forgotten. Other addresses' failures for it are not, or a stranger's wait would end with each
   * of the doctor's sign-ins.
   */
  public void recordSuccess(String account, String address) {
    byAccount.remove(account);
    byAccountAndAddress.remove(pairOf(account, networkOf(address)));
  }

  private static String networkOf(String address) {
    return address == null ? UNKNOWN_ADDRESS : ClientAddress.networkOf(address);
  }

  private static String pairOf(String account, String network) {
    return account + " from " + network;
  }

  private static Duration waitFor(Failures failures, Instant now) {
    if (failures == null
        || failures.lockedUntil() == null
        || !failures.lockedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.lockedUntil());
  }

  /**
   * After the last {@value #SLOWED_FAILURES} failures before the limit, an attempt waits a quarter,
   * a half and all of the longest delay; past the limit, all of it.
   */
  private Duration delayFor(Failures failures, Instant now, int allowed) {
    if (failures == null || failures.isForgotten(now, limits)) {
      return Duration.ZERO;
    }
    int failuresBeforeLimit = allowed - failures.count();
    if (failuresBeforeLimit <= 1) {
      return limits.longestDelay();
    }
    if (failuresBeforeLimit > SLOWED_FAILURES) {
      return Duration.ZERO;
    }
    return limits.longestDelay().dividedBy(1L << (failuresBeforeLimit - 1));
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private void forgetOldFailuresIfCrowded(Instant now) {
    if ((grid == null || !grid.isShared())
        && byAccount.size() + byAccountAndAddress.size() + byAddress.size() > MAX_TRACKED) {
      for (Map<String, String> counts : List.of(byAccount, byAccountAndAddress, byAddress)) {
        counts.values().removeIf(f -> Failures.parse(f).isForgotten(now, limits));
      }
    }
  }

  /**
   * How many failures each count allows before refusing, how long the first and the longest wait
   * last (the longest is also the quiet period that forgets), and the longest slowing down.
   */
  record Limits(
      int failuresPerAccount,
      int failuresPerAddress,
      Duration firstWait,
      Duration longestWait,
      Duration longestDelay) {}

  /** Consecutive failures, the last one's time, and until when attempts are refused. */
  record Failures(int count, Instant last, Instant lockedUntil) {

    /** Kept as text in the grid: no class of the application's needs to travel between JVMs. */
    String format() {
      return count
          + " "
          + last.toEpochMilli()
          + " "
          + (lockedUntil == null ? "-" : Long.toString(lockedUntil.toEpochMilli()));
    }

    static Failures parse(String text) {
      if (text == null) {
        return null;
      }
      String[] parts = text.split(" ");
      return new Failures(
          Integer.parseInt(parts[0]),
          Instant.ofEpochMilli(Long.parseLong(parts[1])),
          "-".equals(parts[2]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[2])));
    }

    static Failures after(Failures previous, Instant now, int allowed, Limits limits) {
      int count = previous == null || previous.isForgotten(now, limits) ? 1 : previous.count + 1;
      return new Failures(
          count, now, count < allowed ? null : now.plus(waitAfter(count - allowed, limits)));
    }

    static Duration waitAfter(int failuresBeyondAllowed, Limits limits) {
      Duration wait = limits.firstWait().multipliedBy(1L << Math.min(failuresBeyondAllowed, 20));
      return wait.compareTo(limits.longestWait()) > 0 ? limits.longestWait() : wait;
    }

    boolean isForgotten(Instant now, Limits limits) {
      Instant end = lockedUntil == null || lockedUntil.isBefore(last) ? last : lockedUntil;
      return end.plus(limits.longestWait()).isBefore(now);
    }
  }
}
