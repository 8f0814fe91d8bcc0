package org.lungscan.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Multipart;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/**
 * The JSON API takes bearer tokens only. A doctor's page session cookie, sent to the API by a
 * script or by another site's form, reaches nothing, however the API's path is spelled: the
 * container routes {@code /api;x/patients} to the API while a check of the raw path would see a
 * page. Paths that can be read two ways are refused before anyone asks who is calling.
 */
class HostilePathsIT {

  private static final String PATIENT_NAME = "Cookie Jar Patient";

  private static Api api;
  private static Api.Doctor doctor;
  private static long patient;
  private static PageSession pages;

  @BeforeAll
  static void aDoctorSignedInOnThePages() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Cookie");
    patient = api.newPatient(doctor, PATIENT_NAME);
    pages = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
  }

  static Stream<String> spellingsOfTheApi() {
    return Stream.of(
        "/api;patients",
        "/api;patients/{id}",
        "/api;lung-scans",
        "/api;x=y/patients",
        "/api;/patients",
        "/api/;/patients",
        "/api/patients;x=y",
        "/api/patients;jsessionid={session}",
        "/api;jsessionid={session}/patients",
        "/%61pi/patients",
        "/%61%70%69/patients/{id}",
        "/api/pat%69ents",
        "//api/patients",
        "/api//patients",
        "/./api/patients",
        "/api/./patients",
        "/app/../api/patients",
        "/api/%2e/patients",
        "/api/%2E%2E/api/patients",
        "/api%2Fpatients",
        "/api%2fpatients",
        "/api%3Bpatients",
        "/api%5Cpatients",
        "/api%252Fpatients",
        "/API/patients",
        "/Api/patients",
        "/api/patients/",
        "/api/patients/{id}/",
        "/api/patients?x=/api/auth/login");
  }

  @Test
  void theCookieIsAWorkingPageSession() {
    var dashboard = pages.get("/app/dashboard.xhtml");
    assertEquals(200, dashboard.statusCode());
    assertTrue(dashboard.body().contains("Dr. Cookie"), "the session is the doctor's");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellingsOfTheApi")
  void aSessionCookieWithoutATokenReachesNoDataByAnySpelling(String spelling) {
    Reply reply = api.send(api.request(path(spelling), null).header("Cookie", pages.cookie()));
    assertTrue(
        reply.status() == 400 || reply.status() == 401 || reply.status() == 404,
        spelling + " answered " + reply);
    assertFalse(reply.body().contains(PATIENT_NAME), spelling + " showed the patient: " + reply);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellingsOfTheApi")
  void aSessionCookieCannotUploadThroughAnySpelling(String spelling) {
    String path = path(spelling).replace("patients", "lung-scans").replaceAll("/\\d+/?$", "");
    Multipart body =
        new Multipart()
            .text("patient_id", Long.toString(patient))
            .file("image", "x.png", "image/png", TestImages.png(TestImages.grey(16, 16)));
    int before = scansOfThePatient();
    Reply reply =
        api.send(
            api.request(path, null)
                .header("Cookie", pages.cookie())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    assertTrue(reply.status() >= 400 && reply.status() < 500, path + " answered " + reply);
    assertEquals(before, scansOfThePatient(), path + " stored a scan");
  }

  static Stream<String> ambiguousPaths() {
    return Stream.of(
        "/api;x=y/patients",
        "/api/patients;x",
        "/api;patients",
        "/api%2Fpatients",
        "/api/%2e/patients",
        "/api/%2E/patients",
        "/api%3Bpatients",
        "/api/patients%2F",
        "/api%252Fpatients",
        "//api/patients",
        "/api/./patients",
        "/app/../api/patients",
        "/app/dashboard.xhtml;x=y",
        "/app%2Fdashboard.xhtml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ambiguousPaths")
  void aPathThatReadsTwoWaysIsRefusedEvenWithAValidToken(String path) {
    Reply withToken = api.get(path, doctor.token());
    assertEquals(400, withToken.status(), path + " answered " + withToken);
    Reply withCookie = api.send(api.request(path, null).header("Cookie", pages.cookie()));
    assertEquals(400, withCookie.status(), path + " answered " + withCookie);
    assertFalse(withCookie.body().contains(PATIENT_NAME));
  }

  @Test
  void theTokenStillWorksOnThePlainPath() {
    Reply reply = api.get("/api/patients/" + patient, doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(PATIENT_NAME, reply.json().getString("name"));
  }

  private static String path(String spelling) {
    return spelling
        .replace("{id}", Long.toString(patient))
        .replace("{session}", pages.cookie().substring(pages.cookie().indexOf('=') + 1));
  }

  private static int scansOfThePatient() {
    return api.get("/api/patients/" + patient + "/scans", doctor.token()).array().size();
  }
}
