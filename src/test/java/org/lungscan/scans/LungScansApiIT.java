package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.SystemServer;

/** Uploading, reading, downloading and deleting lung scans, on the real WAR and MariaDB. */
class LungScansApiIT {

  private static Api api;
  private static Api.Doctor doctor;
  private static long patient;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Scans");
    patient = api.newPatient(doctor, "Scan Patient");
  }

  @Test
  void aRealJpegIsStoredAndDownloadsIdentical() throws Exception {
    byte[] jpeg = TestImages.jpeg(TestImages.grey(640, 480));
    Reply created = api.upload(patient, "chest.jpg", "image/jpeg", jpeg, doctor.token());
    assertEquals(201, created.status(), created::toString);
    JsonObject scan = created.json();
    long id = scan.getJsonNumber("id").longValue();
    assertTrue(created.header("Location").endsWith("/api/lung-scans/" + id));
    assertEquals(patient, scan.getJsonNumber("patient_id").longValue());
    assertEquals("image/jpeg", scan.getString("content_type"));
    assertEquals(jpeg.length, scan.getJsonNumber("size_bytes").longValue());
    assertEquals(640, scan.getInt("width"));
    assertEquals(480, scan.getInt("height"));
    assertEquals(sha256(jpeg), scan.getString("sha256"));
    assertEquals("chest.jpg", scan.getString("original_filename"));

    Reply image = api.get("/api/lung-scans/" + id + "/image", doctor.token());
    assertEquals(200, image.status());
    assertEquals("image/jpeg", image.header("Content-Type"));
    assertEquals("nosniff", image.header("X-Content-Type-Options"));
    assertEquals("inline; filename=\"scan-" + id + ".jpg\"", image.header("Content-Disposition"));
    assertEquals(sha256(jpeg), sha256(image.bytes()));

    Reply thumbnail = api.get("/api/lung-scans/" + id + "/thumbnail", doctor.token());
    assertEquals(200, thumbnail.status());
    assertEquals("image/png", thumbnail.header("Content-Type"));
  }

  @Test
  void aPngSentAsJpegNamedJpgIsStoredAndServedAsThePngItIs() throws Exception {
    byte[] png = TestImages.png(TestImages.rgb(300, 200));
    Reply created = api.upload(patient, "really-a-png.jpg", "image/jpeg", png, doctor.token());
    assertEquals(201, created.status(), created::toString);
    long id = created.json().getJsonNumber("id").longValue();
    assertEquals("image/png", created.json().getString("content_type"));
    Reply image = api.get("/api/lung-scans/" + id + "/image", doctor.token());
    assertEquals("image/png", image.header("Content-Type"));
    assertEquals("inline; filename=\"scan-" + id + ".png\"", image.header("Content-Disposition"));
    assertArrayEquals(png, image.bytes());
  }

  static Stream<Arguments> refusedFiles() {
    byte[] png = TestImages.png(TestImages.grey(64, 64));
    byte[] jpeg = TestImages.jpeg(TestImages.grey(64, 64));
    return Stream.of(
        Arguments.of(
            "text file named .png",
            "notes.png",
            "image/png",
            "just some text\n".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("truncated PNG", "cut.png", "image/png", TestImages.cut(png, png.length / 2)),
        Arguments.of(
            "truncated JPEG", "cut.jpg", "image/jpeg", TestImages.cut(jpeg, jpeg.length / 2)),
        Arguments.of("GIF", "anim.gif", "image/gif", TestImages.gif(TestImages.rgb(32, 32))),
        Arguments.of(
            "SVG",
            "drawing.svg",
            "image/svg+xml",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8)),
        Arguments.of(
            "HTML named .jpg",
            "page.jpg",
            "image/jpeg",
            "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("zero-byte file", "empty.png", "image/png", new byte[0]),
        Arguments.of(
            "PNG header claiming 100000x100000",
            "bomb.png",
            "image/png",
            TestImages.forgedPng(100_000, 100_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedFiles")
  void filesThatAreNotWholeJpegOrPngImagesAreRefusedAndLeaveNothing(
      String why, String name, String type, byte[] bytes) throws Exception {
    long before = storedFiles();
    long scansBefore = scanCount();
    Reply reply = api.upload(patient, name, type, bytes, doctor.token());
    assertEquals(400, reply.status(), reply::toString);
    assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);
    assertEquals("image", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertFalse(reply.json().getString("detail").isBlank());
    assertEquals(before, storedFiles(), "no file kept");
    assertEquals(scansBefore, scanCount(), "no row written");
  }

  @Test
  void aFileNameWithPathPartsIsRecordedAsTextOnly() throws Exception {
    String evil = "../../../../tmp/evil-" + System.nanoTime() + ".png";
    Reply created =
        api.upload(
            patient, evil, "image/png", TestImages.png(TestImages.grey(50, 50)), doctor.token());
    assertEquals(201, created.status(), created::toString);
    assertEquals(evil, created.json().getString("original_filename"));
    assertFalse(Files.exists(Path.of(evil.replace("../", "/").replaceAll("/+", "/"))));
    try (Stream<Path> files = Files.walk(SystemServer.dataDirectory())) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().contains("evil")),
          "the name never became a path");
    }
  }

  @Test
  void anOversizedBodyIs413AndKeepsNothing() throws Exception {
    long before = storedFiles();
    var body =
        new org.lungscan.testing.Multipart()
            .text("patient_id", "" + patient)
            .file("image", "big.png", "image/png", new byte[21 * 1024 * 1024]);
    // as a careful client does, ask before sending: the server refuses on the declared length alone
    Reply reply =
        api.send(
            api.request("/api/lung-scans", doctor.token())
                .expectContinue(true)
                .header("Content-Type", body.contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    assertEquals(413, reply.status(), reply::toString);
    assertEquals(before, storedFiles());
  }

  @Test
  void missingPartsAreA400NamingThem() {
    var patientOnly = new org.lungscan.testing.Multipart().text("patient_id", "" + patient);
    Reply noImage =
        api.send(
            api.request("/api/lung-scans", doctor.token())
                .header("Content-Type", patientOnly.contentType())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(patientOnly.bytes())));
    assertEquals(400, noImage.status(), noImage::toString);
    assertEquals(
        "image", noImage.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Reply badPatient =
        api.upload(-3, "a.png", "image/png", TestImages.png(TestImages.grey(8, 8)), doctor.token());
    assertEquals(400, badPatient.status(), badPatient::toString);
  }

  @Test
  void anotherDoctorsPatientIs404AndKeepsNothing() throws Exception {
    Api.Doctor other = api.newDoctor("Dr. Other");
    long before = storedFiles();
    Reply reply =
        api.upload(
            patient, "x.png", "image/png", TestImages.png(TestImages.grey(20, 20)), other.token());
    assertEquals(404, reply.status(), reply::toString);
    assertEquals(before, storedFiles());
  }

  @Test
  void listsAreNewestFirstAndDeletionRemovesTheImage() throws Exception {
    long own = api.newPatient(doctor, "History Patient");
    long first = uploadPng(own, 40);
    long second = uploadPng(own, 41);
    Reply history = api.get("/api/patients/" + own + "/scans", doctor.token());
    assertEquals(200, history.status(), history::toString);
    assertEquals(second, history.array().getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(first, history.array().getJsonObject(1).getJsonNumber("id").longValue());
    assertTrue(history.array().getJsonObject(0).isNull("latest_prediction"));

    Reply all = api.get("/api/lung-scans", doctor.token());
    assertEquals(200, all.status());
    assertEquals(second, all.array().getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(
        "History Patient", all.array().getJsonObject(0).getJsonObject("patient").getString("name"));
    assertEquals(Long.toString(scanCount()), all.header("X-Total-Count"));
    assertEquals(2, api.get("/api/patients/" + own, doctor.token()).json().getInt("scan_count"));

    long before = storedFiles();
    assertEquals(204, api.delete("/api/lung-scans/" + first, doctor.token()).status());
    assertEquals(404, api.get("/api/lung-scans/" + first, doctor.token()).status());
    assertEquals(404, api.get("/api/lung-scans/" + first + "/image", doctor.token()).status());
    assertEquals(before - 1, storedFiles());

    assertEquals(204, api.delete("/api/patients/" + own, doctor.token()).status());
    assertEquals(404, api.get("/api/lung-scans/" + second, doctor.token()).status());
    assertEquals(before - 2, storedFiles(), "deleting the patient removed their stored images");
  }

  private static long uploadPng(long patientId, int size) {
    Reply reply =
        api.upload(
            patientId,
            "s.png",
            "image/png",
            TestImages.png(TestImages.grey(size, size)),
            doctor.token());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }

  static long storedFiles() throws IOException {
    Path images = SystemServer.dataDirectory().resolve("scans").resolve("images");
    if (!Files.exists(images)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(images)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static long scanCount() {
    return Long.parseLong(
        api.get("/api/lung-scans?size=1", doctor.token()).header("X-Total-Count"));
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
