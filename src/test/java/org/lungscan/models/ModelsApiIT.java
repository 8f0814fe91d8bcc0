package org.lungscan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Multipart;
import org.lungscan.testing.SystemServer;

/**
 * The model registry over HTTP on the shared test server: the bundled model registered and active,
 * good and bad uploads (each bad one refused with its reason, nothing activated), activation and
 * rollback seen in the next prediction's model version, administrators only. The demo model is
 * active again afterwards, as the other tests expect.
 */
class ModelsApiIT {

  static final Path CORPUS = Path.of("..", "shared", "keras-corpus", "keras3");
  private static Api api;
  private static String admin;
  private static long demoId;

  @BeforeAll
  static void signIn() {
    api = new Api(SystemServer.get());
    admin = administratorToken(api, SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
    demoId = activeModel().getJsonNumber("id").longValue();
  }

  @AfterAll
  static void demoModelActiveAgain() {
    Reply back = api.post("/api/admin/models/" + demoId + "/activate", "", admin);
    assertEquals(200, back.status(), back::toString);
  }

  @Test
  void theBundledDemoModelIsRegisteredAndTheOnlyActiveOne() {
    JsonObject demo =
        list().stream()
            .map(JsonValue::asJsonObject)
            .filter(m -> m.getJsonNumber("id").longValue() == demoId)
            .findFirst()
            .orElseThrow();
    assertEquals("lungscan-demo", demo.getString("name"));
    assertEquals("1.0.0", demo.getString("version"));
    assertEquals(64, demo.getJsonString("sha256").getString().length());
    assertEquals(
        List.of("normal", "benign_nodule", "malignant_nodule"),
        demo.getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(64, demo.getJsonObject("input").getInt("height"));
  }

  @Test
  void goodUploadsAreValidatedAndNotActivated() throws IOException {
    Reply h5 =
        upload(
            new Multipart()
                .file(
                    "model",
                    "lung_cnn_softmax.h5",
                    "application/octet-stream",
                    corpus("lung_cnn_softmax.h5"))
                .file("card", "card.json", "application/json", card("cnn-softmax", "3.1", 128, 3)));
    assertEquals(201, h5.status(), h5::toString);
    assertEquals("AVAILABLE", h5.json().getString("status"));
    assertTrue(h5.json().getJsonObject("validation").getBoolean("imported"));
    assertTrue(h5.json().getJsonObject("validation").isNull("reference_max_abs_diff"));
    assertEquals(sizeOf("lung_cnn_softmax.h5"), h5.json().getJsonNumber("size_bytes").longValue());

    Reply keras =
        upload(
            new Multipart()
                .file(
                    "model",
                    "residual_gray.keras",
                    "application/zip",
                    corpus("residual_gray.keras"))
                .file(
                    "reference_input",
                    "in.npy",
                    "application/octet-stream",
                    corpus("residual_gray.input.npy"))
                .file(
                    "reference_output",
                    "out.npy",
                    "application/octet-stream",
                    corpus("residual_gray.output.npy")));
    assertEquals(201, keras.status(), keras::toString);
    JsonObject validation = keras.json().getJsonObject("validation");
    assertTrue(
        validation.getJsonNumber("reference_max_abs_diff").doubleValue() <= 1e-4, keras::toString);
    assertEquals("residual_gray", keras.json().getString("name"));
    assertEquals(
        3, keras.json().getJsonArray("labels").size(), "defaults for a model without a card");

    Reply withCardAndReference =
        upload(
            new Multipart()
                .file(
                    "model",
                    "lung_cnn_softmax.keras",
                    "application/zip",
                    corpus("lung_cnn_softmax.keras"))
                .file("card", "card.json", "application/json", card("cnn-softmax", "3.2", 128, 3))
                .file(
                    "reference_input",
                    "in.npy",
                    "application/octet-stream",
                    corpus("lung_cnn_softmax.input.npy"))
                .file(
                    "reference_output",
                    "out.npy",
                    "application/octet-stream",
                    corpus("lung_cnn_softmax.output.npy")));
    assertEquals(201, withCardAndReference.status(), withCardAndReference::toString);
    assertEquals("3.2", withCardAndReference.json().getString("version"));
    assertEquals(demoId, activeModel().getJsonNumber("id").longValue(), "nothing activated");
  }

  @Test
  void badUploadsAreRefusedWithTheirReasonAndNothingIsActivated() throws IOException {
    byte[] h5 = corpus("lung_cnn_softmax.h5");
    assertRefused(
        new Multipart()
            .file(
                "model", "notes.txt", "text/plain", "not a model".getBytes(StandardCharsets.UTF_8)),
        "neither a Keras");
    assertRefused(
        new Multipart()
            .file("model", "cut.h5", "application/octet-stream", Arrays.copyOf(h5, h5.length / 2)),
        "damaged");
    assertRefused(
        new Multipart()
            .file("model", "lung_cnn_softmax.h5", "application/octet-stream", h5)
            .file("card", "card.json", "application/json", card("two-labels", "1", 128, 2)),
        "labels");
    assertRefused(
        new Multipart()
            .file("model", "residual_gray.keras", "application/zip", corpus("residual_gray.keras"))
            .file(
                "reference_input",
                "in.npy",
                "application/octet-stream",
                corpus("residual_gray.input.npy"))
            .file(
                "reference_output",
                "out.npy",
                "application/octet-stream",
                shifted(corpus("residual_gray.output.npy"))),
        "differ from the reference outputs");
    assertEquals(demoId, activeModel().getJsonNumber("id").longValue(), "nothing activated");

    JsonObject failed =
        list().stream()
            .map(JsonValue::asJsonObject)
            .filter(m -> m.getString("status").equals("FAILED"))
            .findFirst()
            .orElseThrow();
    Reply activate =
        api.post(
            "/api/admin/models/" + failed.getJsonNumber("id").longValue() + "/activate", "", admin);
    assertEquals(409, activate.status(), activate::toString);
    assertEquals(404, api.post("/api/admin/models/987654/activate", "", admin).status());
  }

  @Test
  void activationReachesTheNextPredictionAndRollbackTooWithoutRestart() throws IOException {
    Reply uploaded =
        upload(
            new Multipart()
                .file(
                    "model",
                    "lungscan-demo.keras",
                    "application/zip",
                    Files.readAllBytes(Path.of("models", "lungscan-demo.keras")))
                .file("card", "card.json", "application/json", demoCard("2.0.0-registry-test")));
    assertEquals(201, uploaded.status(), uploaded::toString);
    long id = uploaded.json().getJsonNumber("id").longValue();

    Api.Doctor doctor = api.newDoctor("Dr. Models");
    long patient = api.newPatient(doctor, "Registry Patient");
    long scan =
        api.upload(
                patient,
                "n.png",
                "image/png",
                Files.readAllBytes(Path.of("models", "reference", "normal-1.png")),
                doctor.token())
            .json()
            .getJsonNumber("id")
            .longValue();
    assertEquals("1.0.0", predictedVersion(doctor, scan));

    Reply activate = api.post("/api/admin/models/" + id + "/activate", "", admin);
    assertEquals(200, activate.status(), activate::toString);
    assertEquals("ACTIVE", activate.json().getString("status"));
    assertEquals("2.0.0-registry-test", predictedVersion(doctor, scan));
    assertEquals(id, activeModel().getJsonNumber("id").longValue());
    assertEquals(
        1,
        list().stream().filter(m -> m.asJsonObject().getString("status").equals("ACTIVE")).count());

    assertEquals(200, api.post("/api/admin/models/" + demoId + "/activate", "", admin).status());
    assertEquals("1.0.0", predictedVersion(doctor, scan));
  }

  /**
   * Predictions and heatmaps asked for while the model is swapped back and forth all answer, each
   * with one of the two models: the retired model stays open for whoever still holds it. The other
   * model's heatmaps are made by occlusion (many forward passes, a wide window for a swap to fall
   * into), the demo model's from its class activation map.
   */
  @Test
  void predictionsAndHeatmapsDuringActivationsAllAnswer() throws Exception {
    long swapped = uploadedOcclusionModel("5.0.0-swap-test");
    Api.Doctor doctor = api.newDoctor("Dr. Swaps");
    long patient = api.newPatient(doctor, "Swap Patient");
    List<Long> scans = new java.util.ArrayList<>();
    for (String image : List.of("normal-1", "benign_nodule-1", "malignant_nodule-1", "normal-2")) {
      byte[] png = Files.readAllBytes(Path.of("models", "reference", image + ".png"));
      scans.add(
          api.upload(patient, image + ".png", "image/png", png, doctor.token())
              .json()
              .getJsonNumber("id")
              .longValue());
    }
    java.util.concurrent.atomic.AtomicBoolean swapping =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    var predictions = clients.submit(() -> whileSwapping(swapping, scans, doctor, false));
    var heatmaps = clients.submit(() -> whileSwapping(swapping, scans, doctor, true));
    try {
      for (long id : List.of(swapped, demoId, swapped, demoId)) {
        Reply activate = api.post("/api/admin/models/" + id + "/activate", "", admin);
        assertEquals(200, activate.status(), activate::toString);
        // at least one of each answered on this model before the next swap
        predictedVersion(doctor, scans.get(0));
      }
    } finally {
      swapping.set(false);
      clients.shutdown();
    }
    for (List<Reply> replies : List.of(predictions.get(), heatmaps.get())) {
      assertFalse(replies.isEmpty());
      for (Reply reply : replies) {
        assertEquals(200, reply.status(), reply::toString);
      }
    }
    for (Reply predict : predictions.get()) {
      String version = predict.json().getJsonObject("prediction").getString("model_version");
      assertTrue(List.of("1.0.0", "5.0.0-swap-test").contains(version), version);
    }
    assertEquals("1.0.0", predictedVersion(doctor, scans.get(0)));
  }

  /** Predicts, or asks for heatmaps of, the scans in turn until the swaps are done. */
  private static List<Reply> whileSwapping(
      java.util.concurrent.atomic.AtomicBoolean swapping,
      List<Long> scans,
      Api.Doctor doctor,
      boolean heatmap) {
    List<Reply> replies = new java.util.ArrayList<>();
    for (int i = 0; swapping.get() || replies.isEmpty(); i++) {
      long scan = scans.get(i % scans.size());
      replies.add(
          heatmap
              ? api.get("/api/lung-scans/" + scan + "/heatmap?format=grid", doctor.token())
              : api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token()));
    }
    return replies;
  }

  /** Keras 3's residual model of the corpus: a flattened head, so its heatmaps are occlusion's. */
  private static long uploadedOcclusionModel(String version) throws IOException {
    Reply uploaded =
        upload(
            new Multipart()
                .file(
                    "model",
                    "residual_gray.keras",
                    "application/zip",
                    corpus("residual_gray.keras"))
                .file("card", "card.json", "application/json", card("residual", version, 64, 3)));
    assertEquals(201, uploaded.status(), uploaded::toString);
    return uploaded.json().getJsonNumber("id").longValue();
  }

  @Test
  void doctorsAreRefused() {
    Api.Doctor doctor = api.newDoctor("Dr. Not Admin");
    assertEquals(403, api.get("/api/admin/models", doctor.token()).status());
    assertEquals(
        403, api.post("/api/admin/models/" + demoId + "/activate", "", doctor.token()).status());
    Reply upload =
        api.send(
            api.request("/api/admin/models", doctor.token())
                .header("Content-Type", new Multipart().text("x", "y").contentType())
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        new Multipart().text("x", "y").bytes())));
    assertEquals(403, upload.status(), upload::toString);
    assertEquals(401, api.get("/api/admin/models", null).status());
  }

  private static void assertRefused(Multipart body, String reason) {
    Reply reply = upload(body);
    assertEquals(400, reply.status(), reply::toString);
    assertTrue(reply.body().contains(reason), () -> "expected '" + reason + "' in " + reply);
    assertFalse(reply.body().contains("/it-system/"), "no server paths: " + reply);
  }

  static String predictedVersion(Api.Doctor doctor, long scan) {
    Reply predict = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, predict.status(), predict::toString);
    return predict.json().getJsonObject("prediction").getString("model_version");
  }

  private static Reply upload(Multipart body) {
    return api.send(
        api.request("/api/admin/models", admin)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
  }

  private static jakarta.json.JsonArray list() {
    Reply reply = api.get("/api/admin/models", admin);
    assertEquals(200, reply.status(), reply::toString);
    return reply.array();
  }

  private static JsonObject activeModel() {
    List<JsonObject> active =
        list().stream()
            .map(JsonValue::asJsonObject)
            .filter(m -> m.getString("status").equals("ACTIVE"))
            .toList();
    assertEquals(1, active.size(), active::toString);
    return active.get(0);
  }

  static byte[] corpus(String name) throws IOException {
    return Files.readAllBytes(CORPUS.resolve(name));
  }

  private static long sizeOf(String name) throws IOException {
    return Files.size(CORPUS.resolve(name));
  }

  /** The demo model's card, renamed, for a grayscale square model with {@code classes} labels. */
  static byte[] card(String name, String version, int size, int classes) throws IOException {
    var labels = Json.createArrayBuilder();
    for (int i = 0; i < classes; i++) {
      labels.add(i == classes - 1 ? "malignant" : "class_" + i);
    }
    JsonObject demo;
    try (var reader =
        Json.createReader(Files.newBufferedReader(Path.of("models", "lungscan-demo.card.json")))) {
      demo = reader.readObject();
    }
    return Api.json(
            Json.createObjectBuilder(demo)
                .add("name", name)
                .add("version", version)
                .add("demo", false)
                .add("labels", labels)
                .add("cancer_labels", Json.createArrayBuilder().add("malignant"))
                .add(
                    "input",
                    Json.createObjectBuilder()
                        .add("height", size)
                        .add("width", size)
                        .add("channels", 1)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The demo model's card with another version. */
  static byte[] demoCard(String version) throws IOException {
    String card = Files.readString(Path.of("models", "lungscan-demo.card.json"));
    return card.replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An .npy of float32 values, each moved by 0.01: the header is kept, the data shifted. */
  private static byte[] shifted(byte[] npy) {
    byte[] copy = npy.clone();
    int headerLength = 10 + ((copy[8] & 0xff) | (copy[9] & 0xff) << 8);
    java.nio.ByteBuffer data =
        java.nio.ByteBuffer.wrap(copy, headerLength, copy.length - headerLength)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = headerLength; i + 4 <= copy.length; i += 4) {
      data.putFloat(i, data.getFloat(i) + 0.01f);
    }
    return copy;
  }

  static String administratorToken(Api api, String email, String password) {
    Reply login =
        api.post(
            "/api/auth/login",
            Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
            null);
    assertEquals(200, login.status(), login::toString);
    return login.json().getString("token");
  }
}
