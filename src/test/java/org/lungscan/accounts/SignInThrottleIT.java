package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.SystemServer;

/** Password guessing is refused after a few tries, and every sign-in leaves an audit event. */
class SignInThrottleIT {

  private static Api api;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
  }

  @Test
  void repeatedFailuresForOneAccountAreRefusedWith429AndRetryAfter() {
    Api.Doctor doctor = api.newDoctor("Dr. Throttled");
    for (int i = 0; i < SignInThrottle.ACCOUNT_FAILURES_ALLOWED; i++) {
      assertEquals(401, login(doctor.email(), "Wrong passphrase " + i).status());
    }
    Reply refused = login(doctor.email(), "Yet another wrong one");
    assertEquals(429, refused.status(), refused::toString);
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(
        retryAfter > 0 && retryAfter <= SignInThrottle.FIRST_WAIT.toSeconds(),
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
    List<String> events = new ArrayList<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT action, resource_type, resource_id, outcome, client_address"
                    + " FROM audit_event WHERE actor_email = ? ORDER BY id")) {
      s.setString(1, email);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(
              rs.getString(1)
                  + " "
                  + rs.getString(2)
                  + " "
                  + rs.getString(3)
                  + " "
                  + rs.getString(4));
          assertEquals("127.0.0.1", rs.getString(5), "the client address is recorded");
        }
      }
    }
    return events;
  }

  private static Reply login(String email, String password) {
    return api.post(
        "/api/auth/login",
        Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
        null);
  }
}
