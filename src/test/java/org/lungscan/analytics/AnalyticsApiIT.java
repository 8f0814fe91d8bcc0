package org.lungscan.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    long second = upload(doctor, patient, "normal-1.png");
    upload(doctor, patient, "benign_nodule-1.png");
    JsonObject prediction = predict(doctor, first);
    String predictedClass = prediction.getString("predicted_class");
    String version = prediction.getString("model_version");
    JsonObject other = predict(doctor, second);
    String otherClass = other.getString("predicted_class");
    String disagreeing = anotherLabel(other, otherClass);
    review(doctor, first, anotherLabel(prediction, predictedClass));
    review(doctor, first, predictedClass);
    review(doctor, second, disagreeing);

    Reply answer = api.get(path, admin);
    assertEquals(200, answer.status(), answer::toString);
    JsonObject after = answer.json();
    assertEquals(1, delta(before, after, "patients"));
    assertEquals(3, delta(before, after, "scans"));
    assertEquals(2, delta(before, after, "predictions"));
    assertEquals(3, delta(before, after, "reviews"), "every review written, superseded too");
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
        after.getJsonNumber("reviews").longValue(), day.getJsonNumber("reviews").longValue());
    assertEquals(
        predictedClass.equals(otherClass) ? 2 : 1,
        count(after.getJsonObject("predicted_classes"), predictedClass)
            - count(before.getJsonObject("predicted_classes"), predictedClass));
    assertEquals(2, model(after, version, "predictions") - model(before, version, "predictions"));
    assertEquals(2, model(after, version, "reviewed") - model(before, version, "reviewed"));
    assertEquals(1, model(after, version, "agreed") - model(before, version, "agreed"));
    assertEquals(
        1,
        confusion(after, version, disagreeing, otherClass)
            - confusion(before, version, disagreeing, otherClass));
    assertEquals(
        1,
        confusion(after, version, predictedClass, predictedClass)
            - confusion(before, version, predictedClass, predictedClass));
    JsonObject agreed = after.getJsonObject("agreement");
    JsonObject agreedBefore = before.getJsonObject("agreement");
    assertEquals(2, delta(agreedBefore, agreed, "reviewed"));
    assertEquals(1, delta(agreedBefore, agreed, "agreed"));
    assertEquals(
        (double) agreed.getJsonNumber("agreed").longValue()
            / agreed.getJsonNumber("reviewed").longValue(),
        agreed.getJsonNumber("rate").doubleValue(),
        1e-9);
    assertTrue(after.getJsonObject("doctors").getJsonNumber("active").longValue() >= 2);
    JsonObject times = after.getJsonObject("inference_ms");
    assertTrue(times.getJsonNumber("p50").doubleValue() > 0, times::toString);
    assertTrue(
        times.getJsonNumber("p95").doubleValue() >= times.getJsonNumber("p50").doubleValue(),
        times::toString);

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

  private static long model(JsonObject figures, String version, String field) {
    return figures.getJsonArray("by_model").getValuesAs(JsonObject.class).stream()
        .filter(m -> m.getString("version").equals(version))
        .mapToLong(m -> m.getJsonNumber(field).longValue())
        .sum();
  }

  private static long confusion(
      JsonObject figures, String version, String finding, String predictedClass) {
    return figures.getJsonArray("by_model").getValuesAs(JsonObject.class).stream()
        .filter(m -> m.getString("version").equals(version))
        .map(m -> m.getJsonObject("confusion").getJsonObject(finding))
        .filter(row -> row != null && row.containsKey(predictedClass))
        .mapToLong(row -> row.getJsonNumber(predictedClass).longValue())
        .sum();
  }

  private static JsonObject predict(Api.Doctor doctor, long scan) {
    Reply predicted = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, predicted.status(), predicted::toString);
    return predicted.json().getJsonObject("prediction");
  }

  private static String anotherLabel(JsonObject prediction, String label) {
    return prediction.getJsonObject("probabilities").keySet().stream()
        .filter(l -> !l.equals(label))
        .findFirst()
        .orElseThrow();
  }

  private static void review(Api.Doctor doctor, long scan, String finding) {
    Reply written =
        api.post(
            "/api/lung-scans/" + scan + "/reviews",
            "{\"finding\":\"" + finding + "\",\"note\":\"checked\"}",
            doctor.token());
    assertEquals(201, written.status(), written::toString);
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
