package org.lungscan.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.SystemServer;

/** A doctor's findings on a scan through the API: written, superseded, compared with the AI. */
class ReviewsApiIT {

  static final Path REFERENCE = Path.of("models", "reference");
  static final List<String> LABELS = List.of("normal", "benign_nodule", "malignant_nodule");
  private static Api api;
  private static Api.Doctor doctor;
  private static Api.Doctor other;
  private static long patient;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Reviews");
    other = api.newDoctor("Dr. Elsewhere");
    patient = api.newPatient(doctor, "Reviewed Patient");
  }

  @Test
  void aReviewOfAPredictedScanSaysWhetherItAgreesAndSupersedesTheEarlierOne() {
    long scan = upload(api, doctor, patient, "malignant_nodule-1.png");
    JsonObject prediction = predict(api, doctor, scan);
    String predicted = prediction.getString("predicted_class");
    String otherClass = LABELS.stream().filter(l -> !l.equals(predicted)).findFirst().orElseThrow();

    Reply agreeing = review(scan, predicted, "Agree with the model.");
    assertEquals(201, agreeing.status(), agreeing::toString);
    JsonObject first = agreeing.json();
    assertEquals(scan, first.getJsonNumber("scan_id").longValue());
    assertEquals(
        prediction.getJsonNumber("id").longValue(),
        first.getJsonNumber("prediction_id").longValue());
    assertEquals(predicted, first.getString("finding"));
    assertTrue(first.getBoolean("agrees_with_prediction"));
    assertEquals("Agree with the model.", first.getString("note"));
    assertEquals(doctor.id(), first.getJsonObject("reviewer").getJsonNumber("id").longValue());
    assertEquals("Dr. Reviews", first.getJsonObject("reviewer").getString("name"));
    assertTrue(first.getString("reviewed_at").endsWith("Z"), first::toString);
    URI location = URI.create(agreeing.header("Location"));
    Reply fetched = api.get(location.getPath(), doctor.token());
    assertEquals(200, fetched.status(), fetched::toString);
    assertEquals(first, fetched.json());

    Reply disagreeing = review(scan, otherClass, null);
    assertEquals(201, disagreeing.status(), disagreeing::toString);
    JsonObject second = disagreeing.json();
    assertFalse(second.getBoolean("agrees_with_prediction"));
    assertEquals(JsonValue.NULL, second.get("note"));
    assertNotEquals(first.getJsonNumber("id"), second.getJsonNumber("id"));

    Reply history = api.get("/api/lung-scans/" + scan + "/reviews", doctor.token());
    assertEquals(200, history.status(), history::toString);
    JsonArray reviews = history.array();
    assertEquals(List.of(second, first), reviews.getValuesAs(JsonObject.class));
  }

  @Test
  void aReviewWithoutAPredictionHasNoAgreementAndAnAgreementTypedInIsIgnored() {
    long scan = upload(api, doctor, patient, "normal-1.png");
    Reply reply =
        api.post(
            "/api/lung-scans/" + scan + "/reviews",
            "{\"finding\":\"normal\",\"agrees_with_prediction\":true}",
            doctor.token());
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(JsonValue.NULL, reply.json().get("prediction_id"));
    assertEquals(JsonValue.NULL, reply.json().get("agrees_with_prediction"));
  }

  @Test
  void aFindingOutsideTheModelsLabelsAndALongNoteAreRefusedAndNothingIsWritten() {
    long scan = upload(api, doctor, patient, "benign_nodule-1.png");
    Reply unknown = review(scan, "pneumonia", null);
    assertEquals(400, unknown.status(), unknown::toString);
    assertEquals("application/problem+json", unknown.header("Content-Type").split(";")[0]);
    assertEquals("finding", firstErrorField(unknown));
    assertTrue(unknown.json().toString().contains("malignant_nodule"), unknown::toString);

    Reply missing = api.post("/api/lung-scans/" + scan + "/reviews", "{}", doctor.token());
    assertEquals(400, missing.status(), missing::toString);
    assertEquals("finding", firstErrorField(missing));

    Reply longNote = review(scan, "normal", "x".repeat(2001));
    assertEquals(400, longNote.status(), longNote::toString);
    assertEquals("note", firstErrorField(longNote));

    Reply longestNote = review(scan, "normal", "x".repeat(2000));
    assertEquals(201, longestNote.status(), longestNote::toString);
    assertEquals(1, api.get("/api/lung-scans/" + scan + "/reviews", doctor.token()).array().size());
  }

  @Test
  void anotherDoctorsScanIsNotFoundForReviewsLikeAMissingOne() {
    long scan = upload(api, doctor, patient, "normal-2.png");
    assertEquals(201, review(scan, "normal", null).status());
    Reply foreignWrite =
        api.post("/api/lung-scans/" + scan + "/reviews", "{\"finding\":\"normal\"}", other.token());
    Reply missingWrite =
        api.post("/api/lung-scans/987654321/reviews", "{\"finding\":\"normal\"}", other.token());
    assertEquals(404, foreignWrite.status(), foreignWrite::toString);
    assertEquals(404, missingWrite.status());
    Reply foreignRead = api.get("/api/lung-scans/" + scan + "/reviews", other.token());
    assertEquals(404, foreignRead.status());
    assertEquals(
        api.get("/api/lung-scans/987654321/reviews", other.token()).json().getString("title"),
        foreignRead.json().getString("title"));
    assertEquals(1, api.get("/api/lung-scans/" + scan + "/reviews", doctor.token()).array().size());
    assertEquals(401, api.get("/api/lung-scans/" + scan + "/reviews", null).status());
  }

  @Test
  void writingAndReadingReviewsIsAuditedWithThePatient() throws SQLException {
    long scan = upload(api, doctor, patient, "benign_nodule-2.png");
    long id = review(scan, "benign_nodule", null).json().getJsonNumber("id").longValue();
    api.get("/api/lung-scans/" + scan + "/reviews", doctor.token());
    List<String> rows = auditOf(doctor);
    assertTrue(
        rows.contains("REVIEW_CREATE review " + id + " " + patient + " review=" + id),
        rows::toString);
    assertTrue(
        rows.contains("REVIEW_LIST review " + scan + " " + patient + " review=" + id),
        rows::toString);
  }

  /** "ACTION type resource_id patient_id detail" of the doctor's successful events. */
  static List<String> auditOf(Api.Doctor doctor) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT action, resource_type, resource_id, patient_id, detail FROM audit_event"
                    + " WHERE actor_id = ? AND outcome = 'SUCCESS' ORDER BY id")) {
      s.setLong(1, doctor.id());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
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
    return rows;
  }

  private Reply review(long scan, String finding, String note) {
    var body = Json.createObjectBuilder().add("finding", finding);
    if (note != null) {
      body.add("note", note);
    }
    return api.post("/api/lung-scans/" + scan + "/reviews", Api.json(body), doctor.token());
  }

  private static String firstErrorField(Reply problem) {
    return problem.json().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  static long upload(Api api, Api.Doctor doctor, long patient, String file) {
    try {
      Reply reply =
          api.upload(
              patient,
              file,
              "image/png",
              Files.readAllBytes(REFERENCE.resolve(file)),
              doctor.token());
      assertEquals(201, reply.status(), reply::toString);
      return reply.json().getJsonNumber("id").longValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject predict(Api api, Api.Doctor doctor, long scan) {
    Reply reply = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonObject("prediction");
  }
}
