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

  private static List<String> eventsOf(String email) throws Exception {
    List<String> events = new ArrayList<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT action, resource_type, resource_id, outcome, actor_id,"
                    + " client_address, occurred_at FROM audit_event WHERE actor_email = ? ORDER BY id")) {
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
          assertTrue(rs.getLong(5) > 0, "who");
          assertEquals("127.0.0.1", rs.getString(6), "from where");
          assertTrue(rs.getTimestamp(7) != null, "when");
        }
      }
    }
    return events;
  }
}
