package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Multipart;
import org.lungscan.testing.StreamedUpload;
import org.lungscan.testing.SystemServer;

/**
 * What an upload may be: at most the size limit (20 MiB by default) however it is sent and whatever
 * the path's spelling, a few multipart parts, and room left in the doctor's storage quota (10 GiB
 * by default). Whatever is refused leaves no file and no row.
 */
class UploadLimitsIT {

  private static final long LIMIT = 20L * 1024 * 1024;
  private static final long QUOTA = 10L * 1024 * 1024 * 1024;

  private static Api api;
  private static Api.Doctor doctor;
  private static long patient;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Limits");
    patient = api.newPatient(doctor, "Limits Patient");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/lung-scans", "/api/lung-scans/"})
  void aChunkedUploadIsCutOffAtTheLimitWhileItStreams(String path) throws Exception {
    long filesBefore = filesInStorage();
    long scansBefore = scanCount();
    StreamedUpload.Answer answer =
        StreamedUpload.chunked(api.uri("/"), path, doctor.token(), patient, 3 * LIMIT);
    assertEquals(413, answer.status(), answer::toString);
    assertTrue(answer.body().contains("larger than the limit of 20 MB"), answer::body);
    assertTrue(
        answer.sentBeforeAnswer() < 2 * LIMIT,
        "answered after "
            + answer.sentBeforeAnswer() / (1024 * 1024)
            + " MB of "
            + answer.bodyBytes() / (1024 * 1024)
            + " MB: the body was read before it was counted");
    assertEquals(filesBefore, filesInStorage(), "nothing on disk");
    assertEquals(scansBefore, scanCount(), "no row");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/lung-scans", "/api/lung-scans/"})
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead(String path) throws Exception {
    long filesBefore = filesInStorage();
    StreamedUpload.Answer answer =
        StreamedUpload.declared(api.uri("/"), path, doctor.token(), patient, 3 * LIMIT);
    assertEquals(413, answer.status(), answer::toString);
    assertTrue(
        answer.sentBeforeAnswer() < LIMIT,
        "answered after " + answer.sentBeforeAnswer() / (1024 * 1024) + " MB: the body was read");
    assertEquals(filesBefore, filesInStorage(), "nothing on disk");
  }

  @Test
  void anUploadWithManyPartsIsRefused() throws Exception {
    Multipart body = new Multipart().text("patient_id", Long.toString(patient));
    for (int i = 0; i < 5000; i++) {
      body.text("part" + i, "x");
    }
    body.file("image", "x.png", "image/png", TestImages.png(TestImages.grey(16, 16)));
    long scansBefore = scanCount();
    Reply reply =
        api.send(
            api.request("/api/lung-scans", doctor.token())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    assertEquals(413, reply.status(), reply::toString);
    assertTrue(reply.json().getString("detail").contains("parts"), reply::toString);
    assertEquals(scansBefore, scanCount());
  }

  @Test
  void aFormWithoutAFileIsA400NamingTheImage() {
    Reply reply =
        api.send(
            api.request("/api/lung-scans", doctor.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("patient_id=" + patient)));
    assertEquals(400, reply.status(), reply::toString);
    assertEquals("image", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  /**
   * The quota is the sum of the doctor's stored images. Filling 10 GiB for real would take minutes,
   * so one stored scan is made to count as almost all of it for the length of the test.
   */
  @Test
  void aFullQuotaIsA413AndKeepsNothing() throws Exception {
    Api.Doctor full = api.newDoctor("Dr. Full");
    long own = api.newPatient(full, "Quota Patient");
    Reply first = upload(full, own, 64);
    assertEquals(201, first.status(), first::toString);
    long scan = first.json().getJsonNumber("id").longValue();
    long realSize = first.json().getJsonNumber("size_bytes").longValue();
    recordedSize(scan, QUOTA - 100);
    try {
      long filesBefore = filesInStorage();
      Reply refused = upload(full, own, 65);
      assertEquals(413, refused.status(), refused::toString);
      assertTrue(refused.json().getString("detail").contains("quota"), refused::toString);
      assertEquals(filesBefore, filesInStorage(), "nothing on disk");
      assertEquals(1, api.get("/api/patients/" + own + "/scans", full.token()).array().size());

      assertEquals(201, upload(doctor, patient, 66).status(), "other doctors are not affected");
    } finally {
      recordedSize(scan, realSize);
    }
    assertEquals(201, upload(full, own, 67).status(), "with room again, uploads work again");
  }

  private static Reply upload(Api.Doctor who, long patientId, int size) {
    return api.upload(
        patientId, "q.png", "image/png", TestImages.png(TestImages.grey(size, size)), who.token());
  }

  private static void recordedSize(long scan, long bytes) throws Exception {
    try (Connection c = SystemServer.database().connect();
        PreparedStatement update =
            c.prepareStatement("UPDATE lung_scan SET size_bytes = ? WHERE id = ?")) {
      update.setLong(1, bytes);
      update.setLong(2, scan);
      assertEquals(1, update.executeUpdate());
    }
  }

  private static long scanCount() {
    return Long.parseLong(
        api.get("/api/lung-scans?size=1", doctor.token()).header("X-Total-Count"));
  }

  /** Images, thumbnails and uploads in progress: everything the store keeps on disk. */
  private static long filesInStorage() throws IOException {
    Path storage = SystemServer.dataDirectory().resolve("scans");
    if (!Files.exists(storage)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(storage)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
