package org.lungscan.predictions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.predictions.kerasimport.Npy;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictions through the API with the shipped demo model, checked against the outputs Keras itself
 * computed for the reference images.
 */
class PredictionsApiIT {

  private static final Path REFERENCE = Path.of("models", "reference");
  private static Api api;
  private static Api.Doctor doctor;
  private static long patient;
  private static List<String> files;
  private static INDArray expected;
  private static List<String> labels;

  @BeforeAll
  static void server() throws Exception {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Predictions");
    patient = api.newPatient(doctor, "Reference Patient");
    files =
        Files.readAllLines(REFERENCE.resolve("files.txt")).stream()
            .filter(l -> !l.isBlank())
            .toList();
    expected = Npy.read(REFERENCE.resolve("expected.npy"));
    labels =
        api
            .get("/api/model", doctor.token())
            .json()
            .getJsonArray("labels")
            .getValuesAs(jakarta.json.JsonString.class)
            .stream()
            .map(jakarta.json.JsonString::getString)
            .toList();
  }

  @Test
  void theModelIsTheShippedDemonstrationModel() {
    JsonObject model = api.get("/api/model", doctor.token()).json();
    assertEquals("READY", model.getString("status"));
    assertEquals("lungscan-demo", model.getString("name"));
    assertEquals(List.of("normal", "benign_nodule", "malignant_nodule"), labels);
    assertEquals(64, model.getJsonObject("input").getInt("height"));
    assertEquals(1, model.getJsonObject("input").getInt("channels"));
    assertTrue(model.getString("intended_use").contains("NOT for clinical use"), model.toString());
    assertTrue(model.getString("loaded_at").endsWith("Z"));
  }

  @Test
  void eachReferenceImageGetsWhatKerasComputedForIt() throws Exception {
    for (int i = 0; i < files.size(); i++) {
      long scan = upload(files.get(i));
      Reply reply = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
      assertEquals(200, reply.status(), reply::toString);
      assertEquals("Prediction successful", reply.json().getString("message"));
      JsonObject prediction = reply.json().getJsonObject("prediction");
      assertEquals(scan, prediction.getJsonNumber("scan_id").longValue());
      JsonObject probabilities = prediction.getJsonObject("probabilities");
      double sum = 0;
      int best = 0;
      for (int c = 0; c < labels.size(); c++) {
        double p = probabilities.getJsonNumber(labels.get(c)).doubleValue();
        sum += p;
        assertEquals(expected.getDouble(i, c), p, 1e-3, files.get(i) + " " + labels.get(c));
        best = p > probabilities.getJsonNumber(labels.get(best)).doubleValue() ? c : best;
      }
      assertEquals(1.0, sum, 1e-4);
      assertEquals(labels.get(best), prediction.getString("predicted_class"));
      assertEquals(
          probabilities.getJsonNumber(labels.get(best)).doubleValue(),
          prediction.getJsonNumber("confidence").doubleValue(),
          1e-9);
      assertEquals("lungscan-demo", prediction.getString("model_name"));
      assertEquals("1.0.0", prediction.getString("model_version"));
      assertTrue(prediction.getString("intended_use").contains("NOT for clinical use"));
      assertTrue(prediction.getJsonNumber("inference_ms").doubleValue() > 0);
    }
  }

  @Test
  void predictionsAreListedNewestFirstPerScanAndForTheDoctor() {
    long scan = upload(files.get(0));
    long first = predict(scan);
    long second = predict(scan);
    Reply ofScan = api.get("/api/predictions/" + scan, doctor.token());
    assertEquals(200, ofScan.status());
    assertEquals(second, ofScan.array().getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(first, ofScan.array().getJsonObject(1).getJsonNumber("id").longValue());

    Reply all = api.get("/api/predictions", doctor.token());
    assertEquals(200, all.status());
    JsonObject newest = all.array().getJsonObject(0);
    assertEquals(second, newest.getJsonNumber("id").longValue());
    assertEquals(
        patient,
        newest.getJsonObject("scan").getJsonObject("patient").getJsonNumber("id").longValue());

    Reply history = api.get("/api/patients/" + patient + "/scans", doctor.token());
    JsonObject latest = history.array().getJsonObject(0).getJsonObject("latest_prediction");
    assertEquals(second, latest.getJsonNumber("id").longValue());
  }

  @Test
  void predictionsAreCountedAndTimedInTheApplicationMetrics() {
    long before = predictionsCounted();
    predict(upload(files.get(0)));
    assertEquals(before + 1, predictionsCounted());
    String metrics = api.get("/metrics?scope=application", null).body();
    assertTrue(metrics.contains("prediction_time_count"), metrics);
  }

  private long predictionsCounted() {
    String metrics = api.get("/metrics?scope=application", null).body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("predictions_total"))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .mapToLong(value -> (long) Double.parseDouble(value))
        .findFirst()
        .orElse(0);
  }

  @Test
  void badRequestsAreExplained() {
    assertEquals(400, api.post("/api/predict", "{}", doctor.token()).status());
    assertEquals(400, api.post("/api/predict", "{\"scan_id\":\"abc\"}", doctor.token()).status());
    assertEquals(404, api.post("/api/predict", "{\"scan_id\":987654321}", doctor.token()).status());
    assertEquals(404, api.get("/api/predictions/987654321", doctor.token()).status());
    assertEquals(401, api.post("/api/predict", "{\"scan_id\":1}", null).status());
  }

  @Test
  void sixtyFourPredictionsFromSixteenClientsAreAllAnsweredAndCorrect() throws Exception {
    List<Long> scanIds = new ArrayList<>();
    for (String file : files) {
      scanIds.add(upload(file));
    }
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Future<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int image = i % files.size();
      calls.add(
          clients.submit(
              () -> {
                Reply reply =
                    api.post(
                        "/api/predict", "{\"scan_id\":" + scanIds.get(image) + "}", doctor.token());
                assertEquals(200, reply.status(), reply::toString);
                JsonObject probabilities =
                    reply.json().getJsonObject("prediction").getJsonObject("probabilities");
                for (int c = 0; c < labels.size(); c++) {
                  assertEquals(
                      expected.getDouble(image, c),
                      probabilities.getJsonNumber(labels.get(c)).doubleValue(),
                      1e-3);
                }
                return null;
              }));
    }
    for (Future<Void> call : calls) {
      call.get(120, TimeUnit.SECONDS);
    }
    clients.shutdown();
  }

  private static long upload(String file) {
    try {
      Reply reply =
          api.upload(
              patient,
              file,
              "image/png",
              Files.readAllBytes(REFERENCE.resolve(file)),
              doctor.token());
      assertEquals(201, reply.status(), reply::toString);
      return reply.json().getJsonNumber("id").longValue();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long predict(long scan) {
    Reply reply = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonObject("prediction").getJsonNumber("id").longValue();
  }
}
