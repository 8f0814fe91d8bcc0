package org.lungscan.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lungscan.reading.ReviewsApiIT.predict;
import static org.lungscan.reading.ReviewsApiIT.upload;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/**
 * The triage worklist through the API: one doctor's scans of two patients, three predicted (one of
 * them twice), one not, one reviewed.
 */
class WorklistApiIT {

  private static Api api;
  private static Api.Doctor doctor;
  private static long malignant;
  private static long benign;
  private static long normal;
  private static long unpredicted;
  private static long reviewed;
  private static double malignantChance;

  @BeforeAll
  static void scans() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Worklist");
    long first = api.newPatient(doctor, "Worklist Patient One");
    long second = api.newPatient(doctor, "Worklist Patient Two");
    // uploaded in this order, so newest first is the reverse
    reviewed = upload(api, doctor, first, "malignant_nodule-2.png");
    normal = upload(api, doctor, first, "normal-1.png");
    malignant = upload(api, doctor, second, "malignant_nodule-1.png");
    unpredicted = upload(api, doctor, second, "normal-2.png");
    benign = upload(api, doctor, second, "benign_nodule-1.png");
    predict(api, doctor, reviewed);
    predict(api, doctor, normal);
    predict(api, doctor, malignant);
    malignantChance =
        predict(api, doctor, malignant)
            .getJsonObject("probabilities")
            .getJsonNumber("malignant_nodule")
            .doubleValue();
    predict(api, doctor, benign);
    Reply review =
        api.post(
            "/api/lung-scans/" + reviewed + "/reviews",
            "{\"finding\":\"benign_nodule\"}",
            doctor.token());
    assertEquals(201, review.status(), review::toString);
  }

  @Test
  void unreviewedScansComeMostSuspiciousFirstAndUnpredictedLast() {
    Reply reply = api.get("/api/worklist", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(List.of(malignant, benign, normal, unpredicted), ids(reply));
    assertEquals("4", reply.header("X-Total-Count"));
    List<Double> chances = new ArrayList<>();
    for (JsonObject item : reply.array().getValuesAs(JsonObject.class)) {
      JsonValue chance = item.get("cancer_probability");
      if (chance.getValueType() == JsonValue.ValueType.NUMBER) {
        chances.add(item.getJsonNumber("cancer_probability").doubleValue());
      }
    }
    assertEquals(3, chances.size());
    assertTrue(
        chances.get(0) >= chances.get(1) && chances.get(1) >= chances.get(2), chances::toString);
    assertEquals(
        ids(reply), ids(api.get("/api/worklist?status=unreviewed&sort=suspicion", doctor.token())));
  }

  @Test
  void anEntryHoldsTheScanItsPatientTheLatestPredictionAndTheCancerProbability() {
    JsonObject first = api.get("/api/worklist", doctor.token()).array().getJsonObject(0);
    assertEquals(malignant, first.getJsonObject("scan").getJsonNumber("id").longValue());
    assertEquals("Worklist Patient Two", first.getJsonObject("patient").getString("name"));
    assertEquals("FEMALE", first.getJsonObject("patient").getString("gender"));
    JsonObject prediction = first.getJsonObject("latest_prediction");
    List<JsonObject> history =
        api.get("/api/predictions/" + malignant, doctor.token())
            .array()
            .getValuesAs(JsonObject.class);
    assertEquals(history.get(0), prediction, "the newer of its two predictions");
    assertEquals(malignantChance, first.getJsonNumber("cancer_probability").doubleValue(), 1e-12);
    assertEquals(JsonValue.NULL, first.get("latest_review"));
    JsonObject scan = api.get("/api/lung-scans/" + malignant, doctor.token()).json();
    assertEquals(
        Json.createObjectBuilder(scan).remove("latest_review").build(),
        first.getJsonObject("scan"));
  }

  @Test
  void byDateTheNewestComesFirst() {
    assertEquals(
        List.of(benign, unpredicted, malignant, normal),
        ids(api.get("/api/worklist?sort=date", doctor.token())));
    assertEquals(
        List.of(benign, unpredicted, malignant, normal, reviewed),
        ids(api.get("/api/worklist?status=all&sort=date", doctor.token())));
  }

  @Test
  void reviewedScansAreShownOnlyWhenAskedFor() {
    Reply onlyReviewed = api.get("/api/worklist?status=reviewed", doctor.token());
    assertEquals(List.of(reviewed), ids(onlyReviewed));
    assertEquals("1", onlyReviewed.header("X-Total-Count"));
    JsonObject review = onlyReviewed.array().getJsonObject(0).getJsonObject("latest_review");
    assertEquals("benign_nodule", review.getString("finding"));
    assertEquals(false, review.getBoolean("agrees_with_prediction"));

    Reply all = api.get("/api/worklist?status=all", doctor.token());
    assertEquals("5", all.header("X-Total-Count"));
    assertEquals(unpredicted, ids(all).get(4));
  }

  @Test
  void pagesAreCutAfterOrderingAndCarryTheTotal() {
    Reply second = api.get("/api/worklist?status=all&sort=date&page=1&size=2", doctor.token());
    assertEquals(200, second.status());
    assertEquals(List.of(malignant, normal), ids(second));
    assertEquals("5", second.header("X-Total-Count"));
  }

  @Test
  void unknownValuesAreRefusedByName() {
    for (String query : List.of("status=pending", "sort=name", "page=-1", "size=201")) {
      Reply reply = api.get("/api/worklist?" + query, doctor.token());
      assertEquals(400, reply.status(), query);
      assertEquals(
          query.substring(0, query.indexOf('=')),
          reply.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    assertEquals(200, api.get("/api/worklist?status=ALL&sort=Date", doctor.token()).status());
    assertEquals(401, api.get("/api/worklist", null).status());
  }

  @Test
  void anotherDoctorSeesNoneOfThem() {
    Api.Doctor other = api.newDoctor("Dr. Other Worklist");
    Reply reply = api.get("/api/worklist?status=all", other.token());
    assertEquals(200, reply.status());
    assertEquals(0, reply.array().size());
    assertEquals("0", reply.header("X-Total-Count"));
  }

  private static List<Long> ids(Reply reply) {
    assertEquals(200, reply.status(), reply::toString);
    return reply.array().getValuesAs(JsonObject.class).stream()
        .map(item -> item.getJsonObject("scan").getJsonNumber("id").longValue())
        .toList();
  }
}
