package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.AuditRow;
import org.lungscan.testing.SystemServer;

/**
 * Every create, read, update and delete of patient data, scan images and predictions is audited.
 */
class AuditTrailIT {

  @Test
  void aDoctorsWorkOnPatientDataLeavesOneAuditEventPerAction() throws Exception {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Audit Trail");
    long patient = api.newPatient(doctor, "Audited Patient");
    api.get("/api/patients/" + patient, doctor.token());
    api.put(
        "/api/patients/" + patient,
        "{\"name\":\"Audited Again\",\"age\":62,\"gender\":\"MALE\"}",
        doctor.token());
    long scan =
        api.upload(
                patient,
                "a.png",
                "image/png",
                Files.readAllBytes(Path.of("models", "reference", "normal-1.png")),
                doctor.token())
            .json()
            .getJsonNumber("id")
            .longValue();
    api.get("/api/lung-scans/" + scan + "/image", doctor.token());
    api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    api.get("/api/predictions/" + scan, doctor.token());
    api.get("/api/patients/987654321", doctor.token());
    api.delete("/api/patients/" + patient, doctor.token());

    List<String> events = eventsOf(doctor.email());
    for (String expected :
        List.of(
            "PATIENT_CREATE patient " + patient + " SUCCESS",
            "PATIENT_READ patient " + patient + " SUCCESS",
            "PATIENT_UPDATE patient " + patient + " SUCCESS",
            "SCAN_CREATE lung_scan " + scan + " SUCCESS",
            "SCAN_IMAGE_READ lung_scan " + scan + " SUCCESS",
            "PREDICT prediction " + scan + " SUCCESS",
            "PREDICTION_READ prediction " + scan + " SUCCESS",
            "PATIENT_READ patient 987654321 FAILURE",
            "PATIENT_DELETE patient " + patient + " SUCCESS")) {
      assertTrue(events.contains(expected), () -> expected + " missing from " + events);
    }
  }

  @Test
  void everyListRecordsWhoseDataItShowedAndTheIdsItShowed() throws Exception {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Lists Audited");
    long first = api.newPatient(doctor, "Listed First");
    long second = api.newPatient(doctor, "Listed Second");
    long scanA = upload(api, doctor, first);
    long scanB = upload(api, doctor, first);
    Api.Reply predicted = api.post("/api/predict", "{\"scan_id\":" + scanA + "}", doctor.token());
    assertEquals(200, predicted.status(), predicted::toString);
    long prediction = predicted.json().getJsonObject("prediction").getJsonNumber("id").longValue();
    for (String list :
        List.of(
            "/api/patients",
            "/api/lung-scans",
            "/api/predictions",
            "/api/patients/" + first + "/scans",
            "/api/patients/" + second + "/scans")) {
      assertEquals(200, api.get(list, doctor.token()).status(), list);
    }
    Api.Doctor other = api.newDoctor("Dr. Curious");
    assertEquals(404, api.get("/api/patients/" + first, other.token()).status());

    List<String> shown = shownTo(doctor.email());
    for (String expected :
        List.of(
            "PATIENT_LIST patient null " + first + " patient=" + first,
            "PATIENT_LIST patient null " + second + " patient=" + second,
            "SCAN_LIST lung_scan null " + first + " lung_scan=" + scanB + "," + scanA,
            "SCAN_LIST lung_scan null " + second + " lung_scan=",
            "PREDICTION_LIST prediction null " + first + " prediction=" + prediction,
            "PREDICT prediction " + scanA + " " + first + " prediction=" + prediction,
            "SCAN_CREATE lung_scan " + scanB + " " + first + " null",
            "PATIENT_CREATE patient " + second + " " + second + " null")) {
      assertTrue(shown.contains(expected), () -> expected + " missing from " + shown);
    }
    assertEquals(
        2,
        shown.stream().filter(e -> e.startsWith("SCAN_LIST lung_scan null " + first + " ")).count(),
        () -> "the doctor's scans and the patient's scans, each once: " + shown);
    assertEquals(List.of(doctor.email()), whoSaw(first), "who saw the first patient's data");
  }

  @Test
  void aLoginWithAnEmailLongerThanItsColumnIsRefusedAndAudited() throws Exception {
    String email = "x".repeat(286) + "@hospital.test";
    assertEquals(300, email.length());
    Api.Reply reply =
        Api.onSystemServer()
            .post(
                "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"Some password 123\"}",
                null);
    assertEquals(401, reply.status(), reply::toString);
    assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);

    String recorded = email.substring(0, 253) + "\u2026";
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT action, outcome FROM audit_event WHERE actor_email = ? ORDER BY id")) {
      s.setString(1, recorded);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "the sign-in was audited, its email cut to the column");
        assertEquals("SIGN_IN", rs.getString(1));
        assertEquals("FAILURE", rs.getString(2));
      }
    }
  }

  private static long upload(Api api, Api.Doctor doctor, long patient) throws Exception {
    Api.Reply uploaded =
        api.upload(
            patient,
            "a.png",
            "image/png",
            Files.readAllBytes(Path.of("models", "reference", "normal-1.png")),
            doctor.token());
    assertEquals(201, uploaded.status(), uploaded::toString);
    return uploaded.json().getJsonNumber("id").longValue();
  }

  /** The doctor's successful events as "ACTION type resource_id patient_id detail". */
  private static List<String> shownTo(String email) throws Exception {
    List<String> events = new ArrayList<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT action, resource_type, resource_id, patient_id, detail FROM audit_event"
                    + " WHERE actor_email = ? AND outcome = 'SUCCESS' ORDER BY id")) {
      s.setString(1, email);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(
              String.join(
                  " ",
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    }
    return events;
  }

  /** The auditor's question, as the package documentation says to ask it. */
  private static List<String> whoSaw(long patient) throws Exception {
    List<String> who = new ArrayList<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT DISTINCT actor_email FROM audit_event WHERE patient_id = ?")) {
      s.setLong(1, patient);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          who.add(rs.getString(1));
        }
      }
    }
    return who;
  }

  private static List<String> eventsOf(String email) throws Exception {
    List<AuditRow> rows = AuditRow.of(email);
    for (AuditRow row : rows) {
      assertTrue(row.actorId() > 0, "who");
      assertEquals("127.0.0.1", row.clientAddress(), "from where");
      assertTrue(row.occurredAt() != null, "when");
    }
    return rows.stream().map(AuditRow::line).toList();
  }
}
