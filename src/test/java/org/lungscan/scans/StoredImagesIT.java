package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.scans.images.ImageStore;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.Cookie;

/**
 * What the server keeps of an uploaded image and what it hands back: the image without its metadata
 * and trailing bytes (a patient's name in Exif or PNG text goes no further than the upload), and
 * only while its bytes still have the SHA-256 recorded for them.
 */
class StoredImagesIT {

  private static final String PATIENT_NAME = "DOE^JANE";
  private static final String DAMAGED_TYPE = "urn:lungscan:problem:stored-data-damaged";

  private static Api api;
  private static Api.Doctor doctor;
  private static long patient;
  private static String pageSession;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Keeper");
    patient = api.newPatient(doctor, "Kept Patient");
    pageSession = pageSessionOf(doctor);
  }

  @Test
  void aJpegWithExifAndTrailingBytesIsStoredAndServedWithoutThem() throws Exception {
    byte[] clean = TestImages.jpeg(TestImages.rgb(320, 240));
    byte[] upload =
        TestImages.concat(
            TestImages.withSegmentAfterStart(clean, 0xE1, exif(PATIENT_NAME)),
            text("trailing bytes naming " + PATIENT_NAME));

    Reply created = api.upload(patient, "chest.jpg", "image/jpeg", upload, doctor.token());

    assertEquals(201, created.status(), created::toString);
    JsonObject scan = created.json();
    long id = scan.getJsonNumber("id").longValue();
    byte[] served = api.get("/api/lung-scans/" + id + "/image", doctor.token()).bytes();
    assertFalse(contains(served, PATIENT_NAME), "the patient's name is not served");
    assertArrayEquals(clean, served, "the encoder's own bytes: Exif and trailer are gone");
    assertEquals(served.length, scan.getJsonNumber("size_bytes").longValue());
    assertEquals(LungScansApiIT.sha256(served), scan.getString("sha256"));
    JsonObject read = api.get("/api/lung-scans/" + id, doctor.token()).json();
    assertEquals(scan.get("size_bytes"), read.get("size_bytes"));
    assertEquals(scan.get("sha256"), read.get("sha256"));
    assertSamePixels(upload, served);
    Reply onThePage = pageGet("/app/scan-images/" + id);
    assertEquals(200, onThePage.status());
    assertArrayEquals(served, onThePage.bytes());
  }

  @Test
  void aPngWithTextChunksAndTrailingBytesIsStoredAndServedWithoutThem() throws Exception {
    byte[] clean = TestImages.png(TestImages.grey(300, 200));
    int imageData = TestImages.chunkOffset(clean, "IDAT");
    byte[] upload =
        TestImages.concat(
            Arrays.copyOf(clean, imageData),
            TestImages.pngChunk("tEXt", text("Patient\0" + PATIENT_NAME)),
            TestImages.pngChunk("tIME", new byte[] {0x07, (byte) 0xEA, 12, 1, 9, 30, 0}),
            Arrays.copyOfRange(clean, imageData, clean.length),
            text(PATIENT_NAME));

    Reply created = api.upload(patient, "chest.png", "image/png", upload, doctor.token());

    assertEquals(201, created.status(), created::toString);
    long id = created.json().getJsonNumber("id").longValue();
    byte[] served = api.get("/api/lung-scans/" + id + "/image", doctor.token()).bytes();
    assertArrayEquals(clean, served);
    assertEquals(clean.length, created.json().getJsonNumber("size_bytes").longValue());
    assertSamePixels(upload, served);
  }

  @Test
  void aStoredImageWithOneByteChangedIsNeitherServedNorPredicted() throws Exception {
    byte[] png = TestImages.png(TestImages.grey(300, 200));
    Reply created = api.upload(patient, "chest.png", "image/png", png, doctor.token());
    assertEquals(201, created.status(), created::toString);
    long id = created.json().getJsonNumber("id").longValue();
    long logBefore = Files.size(SystemServer.get().log());

    flipByte(storedFileOf(id), png.length / 2);

    assertDamaged(api.get("/api/lung-scans/" + id + "/image", doctor.token()), id);
    assertDamaged(api.get("/api/lung-scans/" + id + "/thumbnail", doctor.token()), id);
    assertDamaged(api.post("/api/predict", "{\"scan_id\":" + id + "}", doctor.token()), id);
    Reply onThePage = pageGet("/app/scan-images/" + id);
    assertEquals(500, onThePage.status());
    assertTrue(onThePage.body().contains("is damaged"), onThePage.body());
    assertEquals(
        200, api.get("/api/lung-scans/" + id, doctor.token()).status(), "the record stays");
    assertTrue(loggedSince(logBefore).contains("Integrity failure"), "logged as such");
  }

  private static void assertDamaged(Reply reply, long id) {
    assertEquals(500, reply.status(), reply::toString);
    assertTrue(reply.header("Content-Type").startsWith("application/problem+json"));
    JsonObject problem = reply.json();
    assertEquals(DAMAGED_TYPE, problem.getString("type"));
    assertEquals("Stored Data Damaged", problem.getString("title"));
    assertTrue(
        problem.getString("detail").contains("stored image of scan " + id + " is damaged"),
        problem::toString);
  }

  /** The scan's file in the server's storage directory, found from its row. */
  private static Path storedFileOf(long scanId) throws Exception {
    try (Connection c = SystemServer.database().connect();
        PreparedStatement query =
            c.prepareStatement("SELECT storage_key FROM lung_scan WHERE id = ?")) {
      query.setLong(1, scanId);
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next());
        return new ImageStore(SystemServer.dataDirectory().resolve("scans"))
            .pathOf(row.getString(1));
      }
    }
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (RandomAccessFile bytes = new RandomAccessFile(file.toFile(), "rw")) {
      bytes.seek(at);
      int b = bytes.read();
      bytes.seek(at);
      bytes.write(b ^ 0x01);
    }
  }

  private static String loggedSince(long offset) throws IOException {
    byte[] log = Files.readAllBytes(SystemServer.get().log());
    return new String(log, (int) offset, log.length - (int) offset, StandardCharsets.UTF_8);
  }

  private static void assertSamePixels(byte[] upload, byte[] served) throws IOException {
    BufferedImage before = ImageIO.read(new ByteArrayInputStream(upload));
    BufferedImage after = ImageIO.read(new ByteArrayInputStream(served));
    assertArrayEquals(
        before.getRaster().getPixels(0, 0, before.getWidth(), before.getHeight(), (int[]) null),
        after.getRaster().getPixels(0, 0, after.getWidth(), after.getHeight(), (int[]) null));
  }

  /** An Exif segment's body: a little-endian TIFF header and one entry, Artist (0x013B). */
  private static byte[] exif(String name) {
    byte[] value = (name + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer tiff = ByteBuffer.allocate(26 + value.length).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x013B).putShort((short) 2).putInt(value.length);
    tiff.putInt(26).putInt(0).put(value);
    return TestImages.concat(text("Exif\0\0"), tiff.array());
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean contains(byte[] bytes, String text) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
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
      return session.getName() + "=" + session.getValue();
    }
  }

  private static Reply pageGet(String path) {
    return api.send(api.request(path, null).header("Cookie", pageSession).GET());
  }
}
