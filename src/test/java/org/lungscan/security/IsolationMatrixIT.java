package org.lungscan.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.Cookie;

/**
 * Two doctors, each with their own patient, scan and prediction. Every endpoint of the contract
 * that takes an id, called by the second doctor with the first doctor's ids, answers exactly as for
 * an id that does not exist (404) and changes nothing. New endpoints join the matrix below.
 */
class IsolationMatrixIT {

  private static final long MISSING_ID = 999_999_999_999L;

  private static Api api;
  private static Api.Doctor owner;
  private static Api.Doctor intruder;
  private static long patient;
  private static long scan;
  private static long intrudersScan;
  private static byte[] intrudersImage;
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
    intrudersImage = TestImages.png(TestImages.grey(90, 90));
    intrudersScan =
        api.upload(ownPatient, "own.png", "image/png", intrudersImage, intruder.token())
            .json()
            .getJsonNumber("id")
            .longValue();
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
    List<Map.Entry<String, Long>> ownersIdInList =
        List.of(
            Map.entry("/api/patients", patient),
            Map.entry("/api/lung-scans", scan),
            Map.entry("/api/predictions", scan));
    for (Map.Entry<String, Long> entry : ownersIdInList) {
      String list = entry.getKey();
      long id = entry.getValue();
      assertTrue(idsIn(list, owner).contains(id), list + " of the owner's shows their data");
      Reply reply = api.get(list, intruder.token());
      assertEquals(200, reply.status(), list);
      assertFalse(reply.body().contains("Private Patient"), list + " leaks: " + reply.body());
      assertFalse(idsIn(list, intruder).contains(id), list + " holds the owner's id " + id);
    }
  }

  /**
   * The page door's images ({@code /app/scan-images/{id}} and its thumbnail), under the intruder's
   * page session: the owner's scan answers exactly as a scan that does not exist, their own shows.
   */
  @Test
  void anotherDoctorsScanImageOnThePagesIsExactlyLikeAMissingOne() {
    String session = pageSessionOf(intruder);

    Reply own = pageGet("/app/scan-images/" + intrudersScan, session);
    assertEquals(200, own.status(), () -> "own scan image answered " + own.status());
    assertArrayEquals(intrudersImage, own.bytes(), "own scan image shows");
    assertEquals(
        200, pageGet("/app/scan-images/" + intrudersScan + "/thumbnail", session).status());

    for (String suffix : new String[] {"", "/thumbnail"}) {
      Reply foreign = pageGet("/app/scan-images/" + scan + suffix, session);
      Reply missing = pageGet("/app/scan-images/" + MISSING_ID + suffix, session);
      assertEquals(404, missing.status(), "a scan that does not exist");
      assertEquals(missing.status(), foreign.status(), "another doctor's scan image" + suffix);
      assertEquals(missing.body(), foreign.body(), "another doctor's scan image" + suffix);
    }
    assertEquals(ownerViewBefore, ownerView(), "the page door changed nothing of the owner's");
  }

  /** The ids a list of the API holds: patients' and scans' own ids, predictions' scan ids. */
  private static Set<Long> idsIn(String list, Api.Doctor doctor) {
    String key = list.equals("/api/predictions") ? "scan_id" : "id";
    return api.get(list, doctor.token()).array().stream()
        .map(JsonObject.class::cast)
        .map(o -> o.getJsonNumber(key).longValue())
        .collect(Collectors.toSet());
  }

  /** Signs the doctor in on the login page, as a person would, and returns the session cookie. */
  private static String pageSessionOf(Api.Doctor doctor) {
    try (Browser browser = new Browser(SystemServer.get())) {
      browser.open("/login.xhtml");
      browser.fill("Email", doctor.email());
      browser.fill("Password", doctor.password());
      browser.press("Log in");
      browser.waitForText(doctor.name());
      Cookie session = browser.driver().manage().getCookieNamed("LUNGSCAN_SESSION");
      assertNotNull(session, "signed in on the pages");
      // every cookie, as a browser sends them: Payara's distributable sessions also need
      // JSESSIONIDVERSION
      return browser.driver().manage().getCookies().stream()
          .map(c -> c.getName() + "=" + c.getValue())
          .collect(Collectors.joining("; "));
    }
  }

  private static Reply pageGet(String path, String sessionCookie) {
    return api.send(api.request(path, null).header("Cookie", sessionCookie).GET());
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
