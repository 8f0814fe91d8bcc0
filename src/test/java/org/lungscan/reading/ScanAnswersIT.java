package org.lungscan.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lungscan.reading.ReviewsApiIT.predict;
import static org.lungscan.reading.ReviewsApiIT.upload;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/** Every answer that shows a scan shows its current review too, or null. */
class ScanAnswersIT {

  @Test
  void theScanTheListAndThePatientsHistoryCarryTheCurrentReview() {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Answers");
    long patient = api.newPatient(doctor, "Answers Patient");
    long older = upload(api, doctor, patient, "benign_nodule-1.png");
    long newer = upload(api, doctor, patient, "normal-1.png");
    predict(api, doctor, older);
    api.post("/api/lung-scans/" + older + "/reviews", "{\"finding\":\"normal\"}", doctor.token());
    JsonObject current =
        api.post(
                "/api/lung-scans/" + older + "/reviews",
                "{\"finding\":\"benign_nodule\",\"note\":\"second look\"}",
                doctor.token())
            .json();

    Reply one = api.get("/api/lung-scans/" + older, doctor.token());
    assertEquals(200, one.status(), one::toString);
    assertEquals(current, one.json().getJsonObject("latest_review"));
    assertEquals(
        Set.of(
            "id",
            "patient_id",
            "content_type",
            "size_bytes",
            "width",
            "height",
            "sha256",
            "original_filename",
            "uploaded_at",
            "latest_review"),
        one.json().keySet());
    assertEquals(
        JsonValue.NULL,
        api.get("/api/lung-scans/" + newer, doctor.token()).json().get("latest_review"));

    List<JsonObject> all =
        api.get("/api/lung-scans", doctor.token()).array().getValuesAs(JsonObject.class);
    assertEquals(newer, all.get(0).getJsonNumber("id").longValue());
    assertEquals(JsonValue.NULL, all.get(0).get("latest_review"));
    assertEquals(current, all.get(1).getJsonObject("latest_review"));
    assertEquals("Answers Patient", all.get(1).getJsonObject("patient").getString("name"));

    List<JsonObject> history =
        api.get("/api/patients/" + patient + "/scans", doctor.token())
            .array()
            .getValuesAs(JsonObject.class);
    assertEquals(JsonValue.NULL, history.get(0).get("latest_review"));
    assertEquals(JsonValue.NULL, history.get(0).get("latest_prediction"));
    assertEquals(current, history.get(1).getJsonObject("latest_review"));
    assertEquals(
        current.getJsonNumber("prediction_id"),
        history.get(1).getJsonObject("latest_prediction").getJsonNumber("id"));
  }
}
