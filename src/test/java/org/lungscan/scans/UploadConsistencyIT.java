package org.lungscan.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.scans.images.ImageStore;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Poll;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.SystemServer;

/**
 * Uploads in parallel lose nothing, and a server killed mid-upload leaves no row without its file.
 */
class UploadConsistencyIT {

  private static final int CLIENTS = 6;

  private static Api api;
  private static Api.Doctor doctor;
  private static long patient;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Concurrent");
    patient = api.newPatient(doctor, "Busy Patient");
  }

  @Test
  void fiftyUploadsFromTenClientsAreAllStoredDistinctAndIntact() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(10);
    List<Future<String>> uploads = new ArrayList<>();
    Map<Long, byte[]> sent = new ConcurrentHashMap<>();
    for (int i = 0; i < 50; i++) {
      int seed = i;
      uploads.add(
          clients.submit(
              () -> {
                byte[] png = TestImages.png(noise(200, 200, seed));
                Reply reply =
                    api.upload(patient, "scan-" + seed + ".png", "image/png", png, doctor.token());
                assertEquals(201, reply.status(), reply::toString);
                sent.put(reply.json().getJsonNumber("id").longValue(), png);
                return reply.json().getString("sha256");
              }));
    }
    Set<String> hashes = new HashSet<>();
    for (Future<String> upload : uploads) {
      hashes.add(upload.get(120, TimeUnit.SECONDS));
    }
    clients.shutdown();
    assertEquals(50, sent.size(), "fifty distinct scans");
    assertEquals(50, hashes.size(), "fifty distinct images");
    for (var entry : sent.entrySet()) {
      Reply image = api.get("/api/lung-scans/" + entry.getKey() + "/image", doctor.token());
      assertEquals(LungScansApiIT.sha256(entry.getValue()), LungScansApiIT.sha256(image.bytes()));
    }
  }

  @Test
  void aServerKilledMidUploadKeepsEveryAnsweredUploadAndNoRowWithoutItsFile() throws Exception {
    RunningServer server = SystemServer.get();
    Map<Long, String> answered = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger inFlight = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.submit(
          () -> {
            for (int i = 0; running.get() && i < 200; i++) {
              byte[] png = TestImages.png(noise(600, 600, client * 1000 + i));
              inFlight.incrementAndGet();
              try {
                Reply reply = api.upload(patient, "inflight.png", "image/png", png, doctor.token());
                if (reply.status() == 201) {
                  answered.put(
                      reply.json().getJsonNumber("id").longValue(), LungScansApiIT.sha256(png));
                }
              } catch (Exception connectionCut) {
                return;
              } finally {
                inFlight.decrementAndGet();
              }
            }
          });
    }
    Poll.until(
        Duration.ofSeconds(120),
        () -> answered.size() >= CLIENTS && inFlight.get() > 0,
        "uploads answered and others on their way",
        () -> answered.size() + " answered, " + inFlight.get() + " in flight");
    server.kill();
    running.set(false);
    clients.shutdown();
    clients.awaitTermination(60, TimeUnit.SECONDS);
    assertTrue(answered.size() > 0, "some uploads were answered before the kill");

    server.start();
    for (var entry : answered.entrySet()) {
      Reply image = api.get("/api/lung-scans/" + entry.getKey() + "/image", doctor.token());
      assertEquals(200, image.status(), "answered upload " + entry.getKey() + " survives");
      assertEquals(entry.getValue(), LungScansApiIT.sha256(image.bytes()));
    }
    ImageStore store = new ImageStore(SystemServer.dataDirectory().resolve("scans"));
    try (Connection c = SystemServer.database().connect();
        ResultSet rows =
            c.createStatement().executeQuery("SELECT storage_key, size_bytes FROM lung_scan")) {
      while (rows.next()) {
        var file = store.pathOf(rows.getString(1));
        assertTrue(Files.exists(file), "row " + rows.getString(1) + " has its file");
        assertEquals(rows.getLong(2), Files.size(file), "and the file is whole");
      }
    }
  }

  private static BufferedImage noise(int width, int height, int seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Random random = new Random(seed);
    byte[] pixels = new byte[width * height];
    random.nextBytes(pixels);
    image.getRaster().setDataElements(0, 0, width, height, pixels);
    return image;
  }
}
