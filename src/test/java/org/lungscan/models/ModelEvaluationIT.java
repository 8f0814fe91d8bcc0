package org.lungscan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Multipart;
import org.lungscan.testing.SystemServer;

/**
 * Evaluation over the doctors' reviews and the de-identified dataset, on the shared test server
 * (whose other tests write reviews too: figures are compared before and after this test's six).
 */
class ModelEvaluationIT {

  private static final String PATIENT = "Quillon Vexbramble";
  private static final String[] IMAGES = {
    "normal-1",
    "normal-2",
    "benign_nodule-1",
    "benign_nodule-2",
    "malignant_nodule-1",
    "malignant_nodule-2"
  };
  private static Api api;
  private static String admin;
  private static Api.Doctor doctor;
  private static long patient;
  private static long activeId;

  @BeforeAll
  static void signIn() {
    api = new Api(SystemServer.get());
    admin =
        ModelsApiIT.administratorToken(api, SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
    doctor = api.newDoctor("Dr. Evaluation");
    patient = api.newPatient(doctor, PATIENT);
    Reply list = api.get("/api/admin/models", admin);
    activeId =
        list.array().stream()
            .map(v -> v.asJsonObject())
            .filter(m -> m.getString("status").equals("ACTIVE"))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
  }

  @Test
  void evaluationCountsTheReviewedScansAndDatasetHoldsThemDeIdentified() throws IOException {
    JsonObject before = evaluation(activeId);
    List<Long> scans = new ArrayList<>();
    Map<String, Map<String, Integer>> expected = new HashMap<>();
    int agreed = 0;
    for (int i = 0; i < IMAGES.length; i++) {
      byte[] png = Files.readAllBytes(Path.of("models", "reference", IMAGES[i] + ".png"));
      long scan =
          api.upload(patient, IMAGES[i] + ".png", "image/png", png, doctor.token())
              .json()
              .getJsonNumber("id")
              .longValue();
      scans.add(scan);
      Reply predict = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
      assertEquals(200, predict.status(), predict::toString);
      String predicted = predict.json().getJsonObject("prediction").getString("predicted_class");
      // the last image is given a finding the doctors did not see, so agreement is not all or none
      String finding = i == IMAGES.length - 1 ? "normal" : IMAGES[i].replaceAll("-\\d$", "");
      Reply review =
          api.post(
              "/api/lung-scans/" + scan + "/reviews",
              "{\"finding\":\"" + finding + "\"}",
              doctor.token());
      assertEquals(201, review.status(), review::toString);
      expected.computeIfAbsent(finding, f -> new HashMap<>()).merge(predicted, 1, Integer::sum);
      agreed += predicted.equals(finding) ? 1 : 0;
    }

    JsonObject after = evaluation(activeId);
    assertEquals(
        before.getInt("evaluated") + IMAGES.length, after.getInt("evaluated"), after::toString);
    assertEquals(before.getInt("agreed") + agreed, after.getInt("agreed"), after::toString);
    for (var finding : expected.entrySet()) {
      for (var predicted : finding.getValue().entrySet()) {
        assertEquals(
            count(before, finding.getKey(), predicted.getKey()) + predicted.getValue(),
            count(after, finding.getKey(), predicted.getKey()),
            () -> finding.getKey() + " -> " + predicted.getKey() + " in " + after);
      }
    }
    assertEquals(0, after.getJsonObject("active").getInt("would_change_class"));

    Reply sameWeights = uploadDemoKeras("9.9.9-eval");
    long other = sameWeights.json().getJsonNumber("id").longValue();
    JsonObject otherEvaluation = evaluation(other);
    assertEquals(after.getInt("evaluated"), otherEvaluation.getInt("evaluated"));
    assertEquals(after.getInt("agreed"), otherEvaluation.getInt("agreed"));
    assertEquals(
        0,
        otherEvaluation.getJsonObject("active").getInt("would_change_class"),
        "the same weights as .keras class every scan as the active .h5 does");
    assertEquals(404, api.get("/api/admin/models/987654/evaluation", admin).status());
    assertEquals(
        403, api.get("/api/admin/models/" + other + "/evaluation", doctor.token()).status());

    Reply dataset = api.get("/api/admin/dataset", admin);
    assertEquals(200, dataset.status(), dataset::toString);
    assertEquals("application/zip", dataset.header("Content-Type"));
    assertEquals(403, api.get("/api/admin/dataset", doctor.token()).status());
    Map<String, byte[]> entries = unzip(dataset.bytes());
    String csv = new String(entries.get("labels.csv"), StandardCharsets.UTF_8);
    List<String> rows = csv.lines().skip(1).toList();
    assertEquals(
        "file,finding,predicted_class,model_version", csv.lines().findFirst().orElseThrow());
    assertEquals(after.getInt("evaluated"), rows.size(), csv);
    int mine = 0;
    for (String row : rows) {
      String[] fields = row.split(",", -1);
      assertEquals(4, fields.length, row);
      assertTrue(fields[0].matches("images/[0-9a-f]{32}\\.png"), row);
      byte[] png = entries.get(fields[0]);
      assertNotNull(png, row);
      assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "decodes: " + row);
      assertNoTextChunks(png);
      mine += fields[3].equals("1.0.0") ? 1 : 0;
    }
    assertTrue(mine >= IMAGES.length, csv);
    List<String> forbidden =
        new ArrayList<>(
            List.of(
                PATIENT,
                "Quillon",
                "Vexbramble",
                doctor.email(),
                "Dr. Evaluation",
                "2026-",
                "2027-",
                "patient",
                "scan_id"));
    for (long scan : scans) {
      forbidden.add("," + scan + ",");
    }
    byte[] whole = dataset.bytes();
    for (String word : forbidden) {
      assertFalse(contains(whole, word), "the zip holds " + word);
      for (var entry : entries.entrySet()) {
        assertFalse(contains(entry.getValue(), word), entry.getKey() + " holds " + word);
      }
    }
  }

  private static Reply uploadDemoKeras(String version) throws IOException {
    Multipart body =
        new Multipart()
            .file(
                "model",
                "lungscan-demo.keras",
                "application/zip",
                Files.readAllBytes(Path.of("models", "lungscan-demo.keras")))
            .file("card", "card.json", "application/json", ModelsApiIT.demoCard(version));
    Reply reply =
        api.send(
            api.request("/api/admin/models", admin)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    assertEquals(201, reply.status(), reply::toString);
    return reply;
  }

  private static JsonObject evaluation(long id) {
    Reply reply = api.get("/api/admin/models/" + id + "/evaluation", admin);
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  private static int count(JsonObject evaluation, String finding, String predicted) {
    JsonObject row = evaluation.getJsonObject("confusion").getJsonObject(finding);
    return row == null || !row.containsKey(predicted) ? 0 : row.getInt(predicted);
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        in.transferTo(content);
        entries.put(entry.getName(), content.toByteArray());
      }
    }
    return entries;
  }

  /** A PNG of pixels only: no text, time or Exif chunk. */
  private static void assertNoTextChunks(byte[] png) {
    int at = 8;
    while (at + 8 <= png.length) {
      int length =
          ((png[at] & 0xff) << 24)
              | ((png[at + 1] & 0xff) << 16)
              | ((png[at + 2] & 0xff) << 8)
              | (png[at + 3] & 0xff);
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      assertFalse(List.of("tEXt", "zTXt", "iTXt", "tIME", "eXIf").contains(type), type);
      at += 12 + length;
    }
  }

  private static boolean contains(byte[] bytes, String text) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
  }
}
