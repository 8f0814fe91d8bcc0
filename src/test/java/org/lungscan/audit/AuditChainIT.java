package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.SystemServer;
import org.lungscan.testing.TestDatabase;

/**
 * The trail is tamper-evident: someone with database access changes or deletes an event, and both
 * the administrators' endpoint and the command name it; put back as it was, the trail verifies
 * again. Each test leaves the shared server's trail intact.
 */
class AuditChainIT {

  private static Api api;
  private static String admin;

  @BeforeAll
  static void administrator() {
    api = Api.onSystemServer();
    Reply login =
        api.post(
            "/api/auth/login",
            Api.json(
                Json.createObjectBuilder()
                    .add("email", SystemServer.ADMIN_EMAIL)
                    .add("password", SystemServer.ADMIN_PASSWORD)),
            null);
    assertEquals(200, login.status(), login::toString);
    admin = login.json().getString("token");
  }

  @Test
  void onlyAnAdministratorMayAsk() {
    Api.Doctor doctor = api.newDoctor("Dr. Not An Admin");
    assertEquals(403, api.get("/api/admin/audit/verify", doctor.token()).status());
    assertEquals(401, api.get("/api/admin/audit/verify", null).status());
  }

  @Test
  void anUntouchedTrailVerifies() throws Exception {
    api.newDoctor("Dr. Untouched");
    JsonObject verification = verification();
    assertTrue(verification.getBoolean("intact"), verification::toString);
    assertTrue(verification.isNull("first_broken_id"), verification::toString);
    assertTrue(verification.getJsonNumber("events").longValue() >= 2, verification::toString);

    Check check = command();
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("intact=true first_broken_id=none"), check.output());
  }

  @Test
  void aChangedEventIsNamedByTheEndpointAndTheCommand() throws Exception {
    long event = aPatientReadFollowedByMore();
    try (Connection c = SystemServer.database().connect();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET outcome = 'FAILURE' WHERE id = " + event);
      try {
        assertBrokenAt(event);
      } finally {
        s.executeUpdate("UPDATE audit_event SET outcome = 'SUCCESS' WHERE id = " + event);
      }
    }
    assertIntact();
  }

  @Test
  void aDeletedEventIsNamedByTheEndpointAndTheCommand() throws Exception {
    long event = aPatientReadFollowedByMore();
    try (Connection c = SystemServer.database().connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE deleted_event AS SELECT * FROM audit_event WHERE id = " + event);
      s.executeUpdate("DELETE FROM audit_event WHERE id = " + event);
      try {
        assertBrokenAt(event);
      } finally {
        s.executeUpdate("INSERT INTO audit_event SELECT * FROM deleted_event");
      }
    }
    assertIntact();
  }

  /** The id of a doctor's PATIENT_READ event that other events follow. */
  private static long aPatientReadFollowedByMore() throws Exception {
    Api.Doctor doctor = api.newDoctor("Dr. Tampered With");
    long patient = api.newPatient(doctor, "Patient Of A Tampered Trail");
    assertEquals(200, api.get("/api/patients/" + patient, doctor.token()).status());
    assertEquals(200, api.get("/api/patients", doctor.token()).status());
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id FROM audit_event WHERE actor_email = ? AND action = 'PATIENT_READ'"
                    + " AND resource_id = ? AND outcome = 'SUCCESS' AND chain_hash IS NOT NULL")) {
      s.setString(1, doctor.email());
      s.setString(2, Long.toString(patient));
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "the read was audited");
        return rs.getLong(1);
      }
    }
  }

  private static void assertBrokenAt(long event) throws Exception {
    JsonObject verification = verification();
    assertFalse(verification.getBoolean("intact"), verification::toString);
    assertEquals(event, verification.getJsonNumber("first_broken_id").longValue());

    Check check = command();
    assertEquals(1, check.exitCode(), check.output());
    assertTrue(check.output().contains("intact=false first_broken_id=" + event), check.output());
  }

  private static void assertIntact() throws Exception {
    JsonObject verification = verification();
    assertTrue(verification.getBoolean("intact"), () -> "put back, " + verification);
  }

  private static JsonObject verification() {
    Reply reply = api.get("/api/admin/audit/verify", admin);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  /** What {@code mvn -Paudit-check} runs, with the server's database settings. */
  private static Check command() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        AuditCheck.run(
            Map.of(
                "lungscan.db.url", SystemServer.database().url(),
                "lungscan.db.user", TestDatabase.user(),
                "lungscan.db.password", TestDatabase.password()),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Check(code, out.toString(StandardCharsets.UTF_8));
  }

  private record Check(int exitCode, String output) {}
}
