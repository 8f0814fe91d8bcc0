package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.AuditRow;
import org.lungscan.testing.FromAddress;
import org.lungscan.testing.SystemServer;

/**
 * Password guessing is refused after a few tries, a stranger's guessing never keeps the doctor out,
 * and every sign-in leaves an audit event. Failures here come from addresses of their own (through
 * {@link FromAddress}) wherever they can, so that the address every other test uses is not slowed.
 */
class SignInThrottleIT {

  /** The server's default. */
  static final int FAILURES_PER_ACCOUNT = 5;

  private static Api api;
  private static FromAddress proxy;
  private static FromAddress elsewhere;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    proxy = new FromAddress(SystemServer.TRUSTED_PROXY, SystemServer.get());
    elsewhere = new FromAddress("127.0.0.3", SystemServer.get());
  }

  @Test
  void repeatedFailuresForOneAccountAreRefusedWith429AndRetryAfter() {
    Api.Doctor doctor = api.newDoctor("Dr. Throttled");
    for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      assertEquals(401, login(doctor.email(), "Wrong passphrase " + i).status());
    }
    Reply refused = login(doctor.email(), "Yet another wrong one");
    assertEquals(429, refused.status(), refused::toString);
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(
        retryAfter > 0 && retryAfter <= SystemServer.SIGN_IN_FIRST_WAIT_SECONDS,
        "Retry-After " + retryAfter);
    assertEquals("application/problem+json", refused.header("Content-Type").split(";")[0]);

    Reply evenTheRightPassword = login(doctor.email(), doctor.password());
    assertEquals(
        429, evenTheRightPassword.status(), "refused while the wait lasts, whatever the password");

    Api.Doctor other = api.newDoctor("Dr. Unaffected");
    assertEquals(
        200, login(other.email(), other.password()).status(), "other accounts sign in as usual");
  }

  @Test
  void aStrangerFailingFromElsewhereIsSlowedThenRefusedAndNeverKeepsTheDoctorOut() {
    Api.Doctor doctor = api.newDoctor("Dr. Targeted");
    long lastFailureTook = 0;
    for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      long start = System.nanoTime();
      assertEquals(401, login(proxy, "203.0.113.10", doctor.email(), "Guess " + i).status());
      lastFailureTook = System.nanoTime() - start;
    }
    assertTrue(
        lastFailureTook >= SystemServer.SIGN_IN_LONGEST_DELAY.toNanos(),
        "the last failure before the wait is held back: " + lastFailureTook / 1_000_000 + " ms");
    FromAddress.Reply stranger = login(proxy, "203.0.113.10", doctor.email(), "Guess again");
    assertEquals(429, stranger.status(), stranger::toString);
    for (int i = 0; i < 3; i++) {
      FromAddress.Reply atWork = login(proxy, "198.51.100.10", doctor.email(), doctor.password());
      assertEquals(200, atWork.status(), "the doctor signs in at once: " + atWork);
      assertEquals(200, login(doctor.email(), doctor.password()).status());
      stranger = login(proxy, "203.0.113.10", doctor.email(), "Guess " + i);
      assertTrue(stranger.status() == 429 || stranger.status() == 401, stranger::toString);
    }
  }

  @Test
  void whenTheDoctorsOwnWaitEndsTheRightPasswordWorksWhileAStrangerKeepsFailing() {
    Api.Doctor doctor = api.newDoctor("Dr. Typo");
    String atWork = "198.51.100.11";
    for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      assertEquals(401, login(proxy, atWork, doctor.email(), "Typo " + i).status());
    }
    FromAddress.Reply refused = login(proxy, atWork, doctor.email(), doctor.password());
    assertEquals(429, refused.status(), refused::toString);
    long waitEnds =
        System.nanoTime() + Long.parseLong(refused.header("Retry-After")) * 1_000_000_000L;

    int strangerFailures = 0;
    FromAddress.Reply doctorsTry = refused;
    long deadline = waitEnds + Duration.ofSeconds(60).toNanos();
    for (int i = 0; doctorsTry.status() != 200 && System.nanoTime() < deadline; i++) {
      String strangersAddress = "203.0.113." + (20 + i % 40);
      if (login(proxy, strangersAddress, doctor.email(), "Stranger's guess " + i).status() == 401) {
        strangerFailures++;
      }
      long sent = System.nanoTime();
      doctorsTry = login(proxy, atWork, doctor.email(), doctor.password());
      assertTrue(
          doctorsTry.status() == 200 || sent < waitEnds,
          "only the doctor's own wait refuses them, not the stranger's failures: " + doctorsTry);
    }
    assertEquals(200, doctorsTry.status(), doctorsTry::toString);
    assertTrue(strangerFailures > 0, "the stranger kept failing meanwhile");
  }

  @Test
  void forwardedForIsBelievedFromTheTrustedProxyOnly() throws Exception {
    Api.Doctor doctor = api.newDoctor("Dr. Forwarded");
    for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      FromAddress.Reply failed =
          login(elsewhere, "198.51.100." + (30 + i), doctor.email(), "Guess " + i);
      assertEquals(401, failed.status(), failed::toString);
    }
    assertEquals(
        429,
        login(elsewhere, "198.51.100.39", doctor.email(), doctor.password()).status(),
        "a client that is no trusted proxy cannot pass for others by naming them");

    Api.Doctor other = api.newDoctor("Dr. Behind The Proxy");
    for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      assertEquals(401, login(proxy, "198.51.100.40", other.email(), "Guess " + i).status());
    }
    assertEquals(429, login(proxy, "198.51.100.40", other.email(), other.password()).status());
    assertEquals(
        429,
        login(proxy, "198.51.100.41, 198.51.100.40", other.email(), other.password()).status(),
        "what the client wrote before the proxy's own entry is not believed");
    assertEquals(
        200,
        login(proxy, "198.51.100.41", other.email(), other.password()).status(),
        "another client behind the same proxy is not held back");

    assertEquals(Set.of("127.0.0.3"), addressesAudited(doctor.email(), "FAILURE"));
    assertEquals(Set.of("198.51.100.40"), addressesAudited(other.email(), "FAILURE"));
    assertEquals(
        Set.of("198.51.100.41"),
        addressesAudited(other.email(), "SUCCESS").stream()
            .filter(a -> !a.equals("127.0.0.1"))
            .collect(Collectors.toSet()),
        "the audit trail sees the client the throttle sees");
  }

  private static Set<String> addressesAudited(String email, String outcome) throws Exception {
    Set<String> addresses = new HashSet<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT client_address FROM audit_event"
                    + " WHERE actor_email = ? AND action = 'SIGN_IN' AND outcome = ?")) {
      s.setString(1, email);
      s.setString(2, outcome);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          addresses.add(rs.getString(1));
        }
      }
    }
    return addresses;
  }

  @Test
  void signInsAndTheirFailuresAreAuditedWithoutPasswords() throws Exception {
    Api.Doctor doctor = api.newDoctor("Dr. Audited");
    login(doctor.email(), "Not my passphrase at all");
    login(doctor.email(), doctor.password());

    List<String> events = auditOf(doctor.email());
    assertTrue(events.contains("SIGN_UP doctor " + doctor.id() + " SUCCESS"), events::toString);
    assertTrue(events.contains("SIGN_IN doctor " + doctor.id() + " FAILURE"), events::toString);
    assertTrue(events.contains("SIGN_IN doctor " + doctor.id() + " SUCCESS"), events::toString);
    assertTrue(
        events.stream().allMatch(e -> e.endsWith("127.0.0.1") || !e.contains("password")),
        events::toString);
    try (Connection c = SystemServer.database().connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT * FROM audit_event")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          String value = rs.getString(i);
          assertTrue(
              value == null || (!value.contains(doctor.password()) && !value.startsWith("eyJ")),
              "no password or token in the audit trail");
        }
      }
    }
  }

  static List<String> auditOf(String email) throws Exception {
    List<AuditRow> rows = AuditRow.of(email);
    for (AuditRow row : rows) {
      assertEquals("127.0.0.1", row.clientAddress(), "the client address is recorded");
    }
    return rows.stream().map(AuditRow::line).toList();
  }

  private static FromAddress.Reply login(
      FromAddress from, String forwardedFor, String email, String password) {
    return from.postJson(
        "/api/auth/login",
        Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
        forwardedFor);
  }

  private static Reply login(String email, String password) {
    return api.post(
        "/api/auth/login",
        Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
        null);
  }
}
