package org.lungscan.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/**
 * Two doctors, each with their own patient, scan and prediction. Every endpoint of the contract
 * that takes an id, called by the second doctor with the first doctor's ids, answers exactly as for
 * an id that does not exist (404) and changes nothing. New endpoints join the matrix below.
 */
class IsolationMatrixIT {

  private static Api api;
  private static Api.Doctor owner;
  private static Api.Doctor intruder;
  private static long patient;
  private static long scan;
  private static String ownerViewBefore;

  @BeforeAll
  static void twoDoctorsWithTheirOwnData() {
    api = Api.onSystemServer();
    owner = api.newDoctor("Dr. Owner");
    intruder = api.newDoctor("Dr. Intruder");
    patient = api.newPatient(owner, "Private Patient");
    scan =
        api.upload(
                patient,
                "private.png",
                "image/png",
                TestImages.png(TestImages.grey(96, 96)),
                owner.token())
            .json()
            .getJsonNumber("id")
            .longValue();
    api.post("/api/predict", "{\"scan_id\":" + scan + "}", owner.token());
    long ownPatient = api.newPatient(intruder, "Intruder's Own Patient");
    api.upload(
        ownPatient,
        "own.png",
        "image/png",
        TestImages.png(TestImages.grey(90, 90)),
        intruder.token());
    ownerViewBefore = ownerView();
  }

  static Stream<Arguments> endpointsWithTheOwnersIds() {
    return Stream.of(
        call("GET /api/patients/{id}", t -> api.get("/api/patients/" + patient, t)),
        call(
            "PUT /api/patients/{id}",
            t ->
                api.put(
                    "/api/patients/" + patient,
                    "{\"name\":\"Hijacked\",\"age\":1,\"gender\":\"MALE\"}",
                    t)),
        call("DELETE /api/patients/{id}", t -> api.delete("/api/patients/" + patient, t)),
        call(
            "GET /api/patients/{id}/scans", t -> api.get("/api/patients/" + patient + "/scans", t)),
        call(
            "POST /api/lung-scans with the owner's patient_id",
            t ->
                api.upload(
                    patient, "x.png", "image/png", TestImages.png(TestImages.grey(16, 16)), t)),
        call("GET /api/lung-scans/{id}", t -> api.get("/api/lung-scans/" + scan, t)),
        call(
            "GET /api/lung-scans/{id}/image",
            t -> api.get("/api/lung-scans/" + scan + "/image", t)),
        call(
            "GET /api/lung-scans/{id}/thumbnail",
            t -> api.get("/api/lung-scans/" + scan + "/thumbnail", t)),
        call("DELETE /api/lung-scans/{id}", t -> api.delete("/api/lung-scans/" + scan, t)),
        call(
            "POST /api/predict with the owner's scan_id",
            t -> api.post("/api/predict", "{\"scan_id\":" + scan + "}", t)),
        call("GET /api/predictions/{scan_id}", t -> api.get("/api/predictions/" + scan, t)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointsWithTheOwnersIds")
  void anotherDoctorsIdIsExactlyLikeAMissingOne(String endpoint, Function<String, Reply> call) {
    Reply foreign = call.apply(intruder.token());
    assertEquals(404, foreign.status(), () -> endpoint + " answered " + foreign);
    assertEquals("application/problem+json", foreign.header("Content-Type").split(";")[0]);
    assertFalse(
        foreign.body().contains("Private Patient") || foreign.body().contains("private.png"));
    assertEquals(ownerViewBefore, ownerView(), endpoint + " changed nothing of the owner's");
  }

  @Test
  void theIntrudersListsHoldNoneOfTheOwnersData() {
    for (String list : new String[] {"/api/patients", "/api/lung-scans", "/api/predictions"}) {
      Reply reply = api.get(list, intruder.token());
      assertEquals(200, reply.status(), list);
      assertFalse(reply.body().contains("Private Patient"), list + " leaks: " + reply.body());
      assertFalse(
          reply.array().stream()
              .map(JsonObject.class::cast)
              .anyMatch(
                  o ->
                      o.getJsonNumber("id").longValue()
                              == (list.contains("patients") ? patient : scan)
                          && !list.contains("predictions")),
          list);
    }
  }

  private static String ownerView() {
    return api.get("/api/patients/" + patient, owner.token()).body()
        + api.get("/api/patients/" + patient + "/scans", owner.token()).body()
        + api.get("/api/lung-scans/" + scan, owner.token()).status()
        + api.get("/api/predictions/" + scan, owner.token()).body();
  }

  private static Arguments call(String name, Function<String, Reply> call) {
    return Arguments.of(name, call);
  }
}
