package org.lungscan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.HeapWatch;
import org.lungscan.testing.Multipart;
import org.lungscan.testing.Poll;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.SystemServer;
import org.lungscan.testing.TestDatabase;

/**
 * Two instances on one database and one models folder: a model activated on the shared test server
 * is used by the second server's next prediction once that server has polled the registry (every 2
 * s) and loaded it; rolling back reaches it the same way. Each model the second server stops using
 * is closed there (its workers stopped, its native memory freed). Also measures the second server's
 * heap and resident memory before and after four activations.
 */
class ModelActivationAcrossInstancesIT {

  /** The poll interval (2 s) plus loading the model on a busy machine, with room to spare. */
  private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);

  private static RunningServer second;
  private static Api first;
  private static Api other;
  private static String admin;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    first = new Api(SystemServer.get());
    admin =
        ModelsApiIT.administratorToken(
            first, SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
    Path directory = Path.of("target", "it-models-second").toAbsolutePath();
    second =
        new RunningServer(
            directory,
            Integer.getInteger("it.models.second.port", 18098),
            Map.of(
                "LUNGSCAN_DB_URL", SystemServer.database().url(),
                "LUNGSCAN_DB_USER", TestDatabase.user(),
                "LUNGSCAN_DB_PASSWORD", TestDatabase.password(),
                "LUNGSCAN_DATA_DIR", directory.resolve("data").toString(),
                "LUNGSCAN_MODELS_DIR", SystemServer.dataDirectory().resolve("models").toString(),
                "LUNGSCAN_SIGNUP", "open"));
    second.start();
    other = new Api(second);
  }

  @AfterAll
  static void stopSecondInstance() throws Exception {
    if (second != null) {
      second.stop();
    }
  }

  @Test
  void activationOnOneInstanceIsUsedByTheOthersNextPrediction() throws Exception {
    long demo = activeId();
    Api.Doctor doctor = other.newDoctor("Dr. Second Instance");
    long patient = other.newPatient(doctor, "Second Instance Patient");
    long scan =
        other
            .upload(
                patient,
                "n.png",
                "image/png",
                Files.readAllBytes(Path.of("models", "reference", "normal-1.png")),
                doctor.token())
            .json()
            .getJsonNumber("id")
            .longValue();
    assertEquals("1.0.0", version(doctor, scan));

    Multipart body =
        new Multipart()
            .file(
                "model",
                "lungscan-demo.keras",
                "application/zip",
                Files.readAllBytes(Path.of("models", "lungscan-demo.keras")))
            .file("card", "card.json", "application/json", ModelsApiIT.demoCard("4.0.0-cluster"));
    Reply uploaded =
        first.send(
            first
                .request("/api/admin/models", admin)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    assertEquals(201, uploaded.status(), uploaded::toString);
    long id = uploaded.json().getJsonNumber("id").longValue();

    long closedBefore = retiredModelsClosed();
    long memoryBefore;
    long rssBefore;
    try (HeapWatch heap = HeapWatch.of(second)) {
      memoryBefore = heap.usedAfterFullCollection();
      rssBefore = residentBytes(second);
    }

    Duration switched = activateAndWait(id, doctor, scan, "4.0.0-cluster");
    Duration rolledBack = activateAndWait(demo, doctor, scan, "1.0.0");
    Duration again = activateAndWait(id, doctor, scan, "4.0.0-cluster");
    activateAndWait(demo, doctor, scan, "1.0.0");
    Poll.until(
        Duration.ofMinutes(1),
        () -> retiredModelsClosed() == closedBefore + 4,
        "each of the four models the second instance stopped using is closed",
        () -> retiredModelsClosed() - closedBefore + " closed");

    try (HeapWatch heap = HeapWatch.of(second)) {
      long memoryAfter = heap.usedAfterFullCollection();
      long rssAfter = residentBytes(second);
      System.out.printf(
          "models: second instance followed activation in %d ms, rollback in %d ms, again in %d ms;"
              + " live heap %d MB -> %d MB, resident %d MB -> %d MB after four activations%n",
          switched.toMillis(),
          rolledBack.toMillis(),
          again.toMillis(),
          memoryBefore >> 20,
          memoryAfter >> 20,
          rssBefore >> 20,
          rssAfter >> 20);
    }
  }

  /** Activates on the first instance; returns how long until the second predicts with it. */
  private static Duration activateAndWait(long id, Api.Doctor doctor, long scan, String version)
      throws InterruptedException {
    Reply activate = first.post("/api/admin/models/" + id + "/activate", "", admin);
    assertEquals(200, activate.status(), activate::toString);
    long start = System.nanoTime();
    String seen = version(doctor, scan);
    while (!seen.equals(version) && System.nanoTime() - start < NOTICED_WITHIN.toNanos()) {
      Thread.sleep(200);
      seen = version(doctor, scan);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(
        version, seen, "the second instance still predicts with " + seen + " after " + took);
    return took;
  }

  /** How many retired models the second server's log reports closed. */
  private static long retiredModelsClosed() {
    try (var lines = Files.lines(second.log())) {
      return lines.filter(line -> line.contains("Retired model")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String version(Api.Doctor doctor, long scan) {
    Reply predict = other.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, predict.status(), predict::toString);
    return predict.json().getJsonObject("prediction").getString("model_version");
  }

  private static long activeId() {
    return first.get("/api/admin/models", admin).array().stream()
        .map(v -> v.asJsonObject())
        .filter(m -> m.getString("status").equals("ACTIVE"))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  /** VmRSS of the server's process, from /proc. */
  private static long residentBytes(RunningServer server) throws Exception {
    String port = "--port " + server.uri("/").getPort();
    long pid =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .filter(line -> line.contains("payara-micro") && line.contains(port))
                        .isPresent())
            .findFirst()
            .orElseThrow()
            .pid();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }
}
