package org.lungscan.predictions.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.AuditRow;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/** Heatmaps through the API and the pages' door, on the system server with the demo model. */
class HeatmapApiIT {

  private static final Logger LOG = Logger.getLogger(HeatmapApiIT.class.getName());
  private static final Path REFERENCE = Path.of("models", "reference");
  private static final List<String> LABELS = List.of("normal", "benign_nodule", "malignant_nodule");

  private static Api api;
  private static Api.Doctor doctor;
  private static Api.Doctor other;
  private static long patient;
  private static long scan;

  @BeforeAll
  static void server() throws Exception {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Heatmap");
    other = api.newDoctor("Dr. Elsewhere");
    patient = api.newPatient(doctor, "Heatmap Patient");
    scan = upload(Files.readAllBytes(REFERENCE.resolve("malignant_nodule-1.png")), "m.png");
    Reply predicted = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, predicted.status(), predicted::toString);
    assertEquals(
        "malignant_nodule",
        predicted.json().getJsonObject("prediction").getString("predicted_class"));
  }

  @Test
  void theGridCoversTheScanWithValuesFromZeroToOneForEveryLabel() {
    long start = System.nanoTime();
    Reply byDefault = api.get(heatmap(scan, "?format=grid"), doctor.token());
    double firstMillis = (System.nanoTime() - start) / 1e6;
    assertEquals(200, byDefault.status(), byDefault::toString);
    assertEquals("class-activation-map", byDefault.header("X-Heatmap-Method"));
    JsonObject grid = byDefault.json();
    assertEquals("malignant_nodule", grid.getString("label"), "the latest prediction's class");
    assertEquals("class-activation-map", grid.getString("method"));
    for (String label : LABELS) {
      Reply reply = api.get(heatmap(scan, "?format=grid&label=" + label), doctor.token());
      assertEquals(200, reply.status(), reply::toString);
      JsonObject json = reply.json();
      assertEquals(label, json.getString("label"));
      int rows = json.getInt("rows");
      int cols = json.getInt("cols");
      assertEquals(8, rows);
      assertEquals(8, cols);
      JsonArray values = json.getJsonArray("values");
      assertEquals(rows, values.size());
      double max = 0;
      for (int r = 0; r < rows; r++) {
        JsonArray row = values.getJsonArray(r);
        assertEquals(cols, row.size());
        for (int c = 0; c < cols; c++) {
          double v = row.getJsonNumber(c).doubleValue();
          assertTrue(v >= 0 && v <= 1, label + " value " + v);
          max = Math.max(max, v);
        }
      }
      assertTrue(max == 1.0 || max == 0.0, "scaled to its strongest: " + max);
    }
    LOG.info(() -> String.format("first heatmap (grid, over HTTP): %.0f ms", firstMillis));
  }

  @Test
  void thePictureIsTheScanWithTheMapAtMost1024Pixels() throws Exception {
    Reply small = api.get(heatmap(scan, ""), doctor.token());
    assertEquals(200, small.status(), small::toString);
    assertEquals("image/png", small.header("Content-Type"));
    assertEquals("class-activation-map", small.header("X-Heatmap-Method"));
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(small.bytes()));
    assertEquals(128, picture.getWidth());
    assertEquals(128, picture.getHeight());
    saveScreenshot("heatmap-api-malignant.png", small.bytes());

    long large = upload(png(largeScan(2000, 1500)), "large.png");
    Reply big = api.get(heatmap(large, "?label=benign_nodule"), doctor.token());
    assertEquals(200, big.status(), big::toString);
    BufferedImage bigPicture = ImageIO.read(new ByteArrayInputStream(big.bytes()));
    assertEquals(1024, bigPicture.getWidth());
    assertEquals(768, bigPicture.getHeight());
  }

  @Test
  void refusals() throws Exception {
    assertProblem(400, api.get(heatmap(scan, "?label=tumour"), doctor.token()), "label");
    assertProblem(400, api.get(heatmap(scan, "?format=grid&label=x"), doctor.token()), "label");
    assertProblem(400, api.get(heatmap(scan, "?format=svg"), doctor.token()), "format");
    assertEquals(404, api.get(heatmap(scan, ""), other.token()).status());
    assertEquals(404, api.get(heatmap(scan, "?format=grid"), other.token()).status());
    assertEquals(404, api.get(heatmap(987654321L, "?format=grid"), doctor.token()).status());
    assertEquals(401, api.get(heatmap(scan, "?format=grid"), null).status());
    assertTrue(
        AuditRow.of(other.email()).stream()
            .anyMatch(r -> r.line().equals("HEATMAP_READ lung_scan " + scan + " FAILURE")));
  }

  @Test
  void readsAreAuditedAsReadsOfThePatientsData() throws Exception {
    assertEquals(200, api.get(heatmap(scan, "?format=grid"), doctor.token()).status());
    assertTrue(
        AuditRow.of(doctor.email()).stream()
            .anyMatch(r -> r.line().equals("HEATMAP_READ lung_scan " + scan + " SUCCESS")));
  }

  @Test
  void thePagesGetTheOverlayAloneAndTheLegend() throws Exception {
    PageSession session = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    HttpResponse<byte[]> overlay = bytes(session, "/app/heatmaps/" + scan + "?label=normal");
    assertEquals(200, overlay.statusCode());
    assertEquals("class-activation-map", overlay.headers().firstValue("X-Heatmap-Method").get());
    BufferedImage alone = ImageIO.read(new ByteArrayInputStream(overlay.body()));
    assertEquals(128, alone.getWidth(), "the scan's aspect");
    assertEquals(128, alone.getHeight());
    assertTrue(alone.getColorModel().hasAlpha(), "transparent");
    saveScreenshot("heatmap-overlay-normal.png", overlay.body());

    HttpResponse<byte[]> legend = bytes(session, "/app/heatmaps/legend");
    assertEquals(200, legend.statusCode());
    assertNotNull(ImageIO.read(new ByteArrayInputStream(legend.body())));
    saveScreenshot("heatmap-legend.png", legend.body());

    assertEquals(400, bytes(session, "/app/heatmaps/" + scan + "?label=x").statusCode());
    PageSession stranger = PageSession.signIn(SystemServer.get(), other.email(), other.password());
    assertEquals(404, bytes(stranger, "/app/heatmaps/" + scan).statusCode());
  }

  private static HttpResponse<byte[]> bytes(PageSession session, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(session.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertProblem(int status, Reply reply, String field) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.header("Content-Type").startsWith("application/problem+json"));
    assertTrue(reply.body().contains("\"" + field + "\""), reply::toString);
  }

  private static String heatmap(long id, String query) {
    return "/api/lung-scans/" + id + "/heatmap" + query;
  }

  private static long upload(byte[] image, String name) {
    Reply reply = api.upload(patient, name, "image/png", image, doctor.token());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getJsonNumber("id").longValue();
  }

  private static BufferedImage largeScan(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.getRaster().setSample(x, y, 0, (x * 7 + y * 3) % 256);
      }
    }
    return image;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static void saveScreenshot(String name, byte[] png) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), png);
  }
}
