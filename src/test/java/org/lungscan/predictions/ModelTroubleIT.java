package org.lungscan.predictions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.TestDatabase;

/**
 * A server of its own, first with no usable model (it still starts; readiness and predict say why),
 * then with the model and a one-place inference queue (a flood is refused with Retry-After).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelTroubleIT {

  private static final String ADMIN_EMAIL = "admin@trouble.test";
  private static final String ADMIN_PASSWORD = "Admin-password-for-tests-only";
  private static final TestDatabase DATABASE = new TestDatabase("lungscan_it_model_trouble");
  private static RunningServer server;

  @BeforeAll
  static void serverWithoutModel() throws Exception {
    DATABASE.recreate();
    Path directory = Path.of("target", "it-model-trouble").toAbsolutePath();
    server =
        new RunningServer(
            directory,
            Integer.getInteger("it.trouble.port", 18095),
            Map.of(
                "LUNGSCAN_DB_URL", DATABASE.url(),
                "LUNGSCAN_DB_USER", TestDatabase.user(),
                "LUNGSCAN_DB_PASSWORD", TestDatabase.password(),
                "LUNGSCAN_DATA_DIR", directory.resolve("data").toString(),
                "LUNGSCAN_MODEL_PATH", directory.resolve("no-such-model.h5").toString(),
                "LUNGSCAN_ADMIN_EMAIL", ADMIN_EMAIL,
                "LUNGSCAN_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "LUNGSCAN_SIGNUP", "open"));
    server.start("/health/live");
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    DATABASE.drop();
  }

  @Test
  @Order(1)
  void withNoModelTheAppRunsReadinessSaysWhyAndPredictIs503() throws Exception {
    Api api = new Api(server);
    String admin = administratorToken(api);
    Reply details = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      details = api.get("/api/admin/readiness", admin);
      if (!details.body().contains("still loading")) {
        break;
      }
      Thread.sleep(500);
    }
    assertEquals(503, details.status());
    assertTrue(details.body().contains("no-such-model.h5"), details::toString);
    HttpResponse<String> ready =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(503, ready.statusCode());
    assertFalse(ready.body().contains("no-such-model.h5"), "only administrators see why");

    Api.Doctor doctor = api.newDoctor("Dr. No Model");
    Reply model = api.get("/api/model", doctor.token());
    assertEquals("UNAVAILABLE", model.json().getString("status"));
    assertTrue(model.json().getString("detail").contains("no-such-model.h5"), model::toString);

    long patient = api.newPatient(doctor, "Waiting Patient");
    long scan =
        api.upload(
                patient,
                "r.png",
                "image/png",
                Files.readAllBytes(Path.of("models", "reference", "normal-1.png")),
                doctor.token())
            .json()
            .getJsonNumber("id")
            .longValue();
    Reply predict = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(503, predict.status(), predict::toString);
    assertTrue(predict.json().getString("detail").contains("model"), predict::toString);

    Reply heatmap = api.get("/api/lung-scans/" + scan + "/heatmap?format=grid", doctor.token());
    assertEquals(503, heatmap.status(), heatmap::toString);
    assertTrue(heatmap.json().getString("detail").contains("model"), heatmap::toString);
    Reply report = api.get("/api/lung-scans/" + scan + "/report", doctor.token());
    assertEquals(200, report.status(), "a report without a model shows the scan alone");
    String text = org.lungscan.reports.PdfReports.text(report.bytes()).replaceAll("\\s+", " ");
    assertTrue(text.contains("no heatmap"), text);
    assertTrue(text.contains("No prediction has been made for this scan."), text);
    assertEquals(1, org.lungscan.reports.PdfReports.images(report.bytes()));
  }

  @Test
  @Order(2)
  void aFullQueueIsRefusedAtOnceWithRetryAfter() throws Exception {
    server.stop();
    server.setEnvironment(
        "LUNGSCAN_MODEL_PATH", Path.of("models", "lungscan-demo.h5").toAbsolutePath().toString());
    server.setEnvironment("LUNGSCAN_INFERENCE_QUEUE_CAPACITY", "1");
    server.setEnvironment("LUNGSCAN_INFERENCE_MAX_BATCH", "1");
    server.start();
    Api api = new Api(server);
    Api.Doctor doctor = api.newDoctor("Dr. Flood");
    long patient = api.newPatient(doctor, "Flood Patient");
    long scan =
        api.upload(
                patient,
                "r.png",
                "image/png",
                Files.readAllBytes(Path.of("models", "reference", "normal-1.png")),
                doctor.token())
            .json()
            .getJsonNumber("id")
            .longValue();

    ExecutorService clients = Executors.newFixedThreadPool(24);
    List<Future<Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 96; i++) {
      calls.add(
          clients.submit(
              () -> api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token())));
    }
    int ok = 0;
    Reply refused = null;
    for (Future<Reply> call : calls) {
      Reply reply = call.get(120, TimeUnit.SECONDS);
      if (reply.status() == 200) {
        ok++;
      } else {
        assertEquals(503, reply.status(), reply::toString);
        refused = reply;
      }
    }
    clients.shutdown();
    assertTrue(ok > 0, "some predictions went through");
    assertNotNull(
        refused, "with one place in the queue, some of 96 simultaneous predictions are refused");
    assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
    assertEquals("application/problem+json", refused.header("Content-Type").split(";")[0]);
  }

  private static String administratorToken(Api api) {
    Reply login =
        api.post(
            "/api/auth/login",
            "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
            null);
    assertEquals(200, login.status(), login::toString);
    return login.json().getString("token");
  }
}
