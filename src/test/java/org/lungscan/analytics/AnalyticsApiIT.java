package org.lungscan.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Administrator;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/**
 * {@code GET /api/admin/analytics}: the figures move by exactly the traffic a test makes (compared
 * as differences, so other tests' data do not matter), and never carry a patient's name or a
 * doctor's email.
 */
class AnalyticsApiIT {

  private static Api api;
  private static String admin;

  @BeforeAll
  static void signIn() {
    api = Api.onSystemServer();
    admin = Administrator.token(api);
  }

  @Test
  void theFiguresCountTheTrafficOfTheDayAndNameNoPatientOrDoctor() throws Exception {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String path = "/api/admin/analytics?from=" + today + "&to=" + today;
    JsonObject before = figures(path);

    Api.Doctor doctor =
        api.newDoctor("Dr. Counted " + UUID.randomUUID().toString().substring(0, 6));
    String patientName = "Analytics Patient " + UUID.randomUUID().toString().substring(0, 8);
    long patient = api.newPatient(doctor, patientName);
    long first = upload(doctor, patient, "malignant_nodule-1.png");
    upload(doctor, patient, "normal-1.png");
    Reply predicted = api.post("/api/predict", "{\"scan_id\":" + first + "}", doctor.token());
    assertEquals(200, predicted.status(), predicted::toString);
    JsonObject prediction = predicted.json().getJsonObject("prediction");
    String predictedClass = prediction.getString("predicted_class");
    String version = prediction.getString("model_version");

    Reply answer = api.get(path, admin);
    assertEquals(200, answer.status(), answer::toString);
    JsonObject after = answer.json();
    assertEquals(1, delta(before, after, "patients"));
    assertEquals(2, delta(before, after, "scans"));
    assertEquals(1, delta(before, after, "predictions"));
    assertEquals(today, after.getJsonObject("period").getString("from"));
    assertEquals(today, after.getJsonObject("period").getString("to"));
    assertEquals(1, after.getJsonArray("by_day").size());
    JsonObject day = after.getJsonArray("by_day").getJsonObject(0);
    assertEquals(today, day.getString("date"));
    assertEquals(after.getJsonNumber("scans").longValue(), day.getJsonNumber("scans").longValue());
    assertEquals(
        after.getJsonNumber("predictions").longValue(),
        day.getJsonNumber("predictions").longValue());
    assertEquals(
        1,
        count(after.getJsonObject("predicted_classes"), predictedClass)
            - count(before.getJsonObject("predicted_classes"), predictedClass));
    assertEquals(1, modelPredictions(after, version) - modelPredictions(before, version));
    assertTrue(after.getJsonObject("doctors").getJsonNumber("active").longValue() >= 2);
    JsonObject times = after.getJsonObject("inference_ms");
    assertTrue(times.getJsonNumber("p50").doubleValue() > 0, times::toString);
    assertTrue(
        times.getJsonNumber("p95").doubleValue() >= times.getJsonNumber("p50").doubleValue(),
        times::toString);
    JsonObject agreement = after.getJsonObject("agreement");
    assertNotNull(agreement.get("reviewed"));
    assertNotNull(agreement.get("rate"));

    String raw = answer.body();
    assertFalse(raw.contains(patientName), "the patient's name is in " + raw);
    assertFalse(raw.contains(doctor.email()), "the doctor's email is in " + raw);
    assertFalse(raw.contains(doctor.name()), "the doctor's name is in " + raw);
    assertFalse(raw.contains("\"id\""), "an id is in " + raw);
  }

  @Test
  void withoutDatesTheLastThirtyDaysAreCountedDayByDay() {
    Reply answer = api.get("/api/admin/analytics", admin);
    assertEquals(200, answer.status(), answer::toString);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonObject period = answer.json().getJsonObject("period");
    assertEquals(today.toString(), period.getString("to"));
    assertEquals(today.minusDays(29).toString(), period.getString("from"));
    List<JsonObject> days = answer.json().getJsonArray("by_day").getValuesAs(JsonObject.class);
    assertEquals(30, days.size());
    assertEquals(today.minusDays(29).toString(), days.get(0).getString("date"));
    assertEquals(today.toString(), days.get(29).getString("date"));

    Reply november = api.get("/api/admin/analytics?from=2026-11-01&to=2026-11-30", admin);
    assertEquals(200, november.status(), november::toString);
    assertEquals(30, november.json().getJsonArray("by_day").size());
  }

  @Test
  void badDatesAreRefusedNamingTheField() {
    for (String[] bad :
        List.of(
            new String[] {"from=2026-13-01", "from"},
            new String[] {"to=yesterday", "to"},
            new String[] {"from=2026-11-30&to=2026-11-01", "from"},
            new String[] {"from=2020-01-01&to=2026-01-01", "to"},
            new String[] {"from=2026-11-1", "from"})) {
      Reply refused = api.get("/api/admin/analytics?" + bad[0], admin);
      assertEquals(400, refused.status(), bad[0] + ": " + refused);
      assertEquals("application/problem+json", refused.header("Content-Type").split(";")[0]);
      assertEquals(
          bad[1],
          refused.json().getJsonArray("errors").getJsonObject(0).getString("field"),
          refused::toString);
    }
  }

  private static JsonObject figures(String path) {
    Reply reply = api.get(path, admin);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private static long delta(JsonObject before, JsonObject after, String field) {
    return after.getJsonNumber(field).longValue() - before.getJsonNumber(field).longValue();
  }

  private static long count(JsonObject counts, String key) {
    JsonValue value = counts.get(key);
    return value == null ? 0 : counts.getJsonNumber(key).longValue();
  }

  private static long modelPredictions(JsonObject figures, String version) {
    return figures.getJsonArray("by_model").getValuesAs(JsonObject.class).stream()
        .filter(m -> m.getString("version").equals(version))
        .mapToLong(m -> m.getJsonNumber("predictions").longValue())
        .sum();
  }

  private static long upload(Api.Doctor doctor, long patient, String image) throws Exception {
    Reply uploaded =
        api.upload(
            patient,
            image,
            "image/png",
            Files.readAllBytes(Path.of("models", "reference", image)),
            doctor.token());
    assertEquals(201, uploaded.status(), uploaded::toString);
    return uploaded.json().getJsonNumber("id").longValue();
  }
}
