package org.lungscan.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lungscan.testing.Api;
import org.lungscan.testing.Multipart;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.TestDatabase;

/**
 * The model registry's costs over HTTP against the real WAR on Payara Micro with MariaDB: {@code
 * mvn -q -Pmodel-benchmark}. An administrator and a doctor sign up; the doctor uploads, predicts
 * and reviews {@code benchmark.scans} (100) different scans; then, as medians of the rounds:
 *
 * <ul>
 *   <li>validation: the upload of each candidate model (received, imported, checked against its
 *       card), as the administrator waits for it;
 *   <li>evaluation over the reviewed scans: the administrator's request, and the model's own run as
 *       the server reports it (loading the model included). A review is added before each round, so
 *       nothing kept from an earlier round is given again;
 *   <li>memory before and after three activations (the large model, the demo model, the large
 *       model): heap after a full collection and the process's resident set, each after a few
 *       predictions on the new model and once the retired one is closed.
 * </ul>
 *
 * <p>Prints and asserts nothing. Settings (system properties): {@code benchmark.port} (18197),
 * {@code benchmark.scans} (100), {@code benchmark.rounds} (3), {@code benchmark.activations} (3),
 * {@code benchmark.malloc-arena-max} (unset: glibc's default; given, the server's
 * MALLOC_ARENA_MAX), {@code keras.corpus} (the shared Keras files; the real Keras 3 model is left
 * out without them), {@code it.db.suffix}. The server runs with {@code -Xmx2g} and the JVM's
 * default compilers, as in production.
 */
public final class ModelBenchmark {

  private static final String ADMIN_EMAIL = "admin@benchmark.test";
  private static final String ADMIN_PASSWORD = "Benchmark-admin-password-only";
  private static final Path DIRECTORY = Path.of("target", "model-benchmark").toAbsolutePath();

  private static final HttpClient LONG_REQUESTS =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final RunningServer server;
  private final Api api;
  private final Map<String, List<Double>> millis = new LinkedHashMap<>();
  private final Map<String, ServerMemory.Sample> memory = new LinkedHashMap<>();
  private String admin;
  private Api.Doctor doctor;
  private final List<Long> scans = new ArrayList<>();
  private int retiredSeen;

  private ModelBenchmark(RunningServer server) {
    this.server = server;
    this.api = new Api(server);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("benchmark.port", 18197);
    TestDatabase database = new TestDatabase("lungscan_model_benchmark").recreate();
    RunningServer server =
        new RunningServer(
                DIRECTORY,
                port,
                Map.of(
                    "LUNGSCAN_DB_URL", database.url(),
                    "LUNGSCAN_DB_USER", TestDatabase.user(),
                    "LUNGSCAN_DB_PASSWORD", TestDatabase.password(),
                    "LUNGSCAN_DATA_DIR", DIRECTORY.resolve("data").toString(),
                    "LUNGSCAN_ADMIN_EMAIL", ADMIN_EMAIL,
                    "LUNGSCAN_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "LUNGSCAN_SIGNUP", "open"))
            .withJvmOptions(List.of("-Xmx2g"))
            .withStartTimeout(Duration.ofMinutes(10));
    String arenas = System.getProperty("benchmark.malloc-arena-max", "");
    if (!arenas.isBlank()) {
      // glibc's limit on malloc arenas, which a hospital may set for the server (see README)
      server.setEnvironment("MALLOC_ARENA_MAX", arenas);
    }
    Files.deleteIfExists(server.log());
    try {
      System.out.printf("server start to ready: %d ms%n", server.start().toMillis());
      new ModelBenchmark(server).run();
    } finally {
      server.stop();
      database.drop();
    }
  }

  private void run() throws Exception {
    int count = Integer.getInteger("benchmark.scans", 100);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    System.out.println("CPU: " + Machine.cpuModel() + ", " + Machine.processors() + " processors");
    System.out.println("CPU pressure before: " + Machine.cpuPressure());
    admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    long demo = activeModel();
    reviewedScans(count);
    List<CandidateModels.Candidate> candidates = new ArrayList<>();
    candidates.add(CandidateModels.demoWeights());
    candidates.addAll(
        CandidateModels.realKeras(
            Path.of(System.getProperty("keras.corpus", "../shared/keras-corpus"))));
    CandidateModels.Candidate large = CandidateModels.large(DIRECTORY);
    candidates.add(large);
    Map<CandidateModels.Candidate, Long> uploaded = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (CandidateModels.Candidate candidate : candidates) {
        uploaded.put(candidate, validated(candidate, round));
      }
      newReview(round);
      evaluated("the active demo model", demo, round);
      for (var candidate : uploaded.entrySet()) {
        evaluated(candidate.getKey().name(), candidate.getValue(), round);
      }
    }
    activations(demo, uploaded.get(large));
    System.out.println("CPU pressure after: " + Machine.cpuPressure());
    print(count);
  }

  /** Uploads, predicts and reviews {@code count} scans; a third of the findings differ. */
  private void reviewedScans(int count) {
    long start = System.nanoTime();
    doctor = api.newDoctor("Dr. Benchmark");
    long patient = api.newPatient(doctor, "Benchmark Patient");
    List<byte[]> images = CandidateModels.scans(count);
    for (int i = 0; i < count; i++) {
      Api.Reply upload =
          api.upload(patient, "scan.png", "image/png", images.get(i), doctor.token());
      expect(201, upload);
      long scan = upload.json().getJsonNumber("id").longValue();
      scans.add(scan);
      expect(200, api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token()));
      review(scan, i % 3 == 2 ? "normal" : CandidateModels.findingOf(i));
    }
    System.out.printf(
        Locale.ROOT,
        "%d scans uploaded, predicted and reviewed in %.1f s%n",
        count,
        (System.nanoTime() - start) / 1e9);
  }

  private void review(long scan, String finding) {
    expect(
        201,
        api.post(
            "/api/lung-scans/" + scan + "/reviews",
            "{\"finding\":\"" + finding + "\"}",
            doctor.token()));
  }

  /** A second opinion on one scan: the reviews change, so every evaluation runs again. */
  private void newReview(int round) {
    review(scans.get(round % scans.size()), CandidateModels.findingOf(round));
  }

  private long validated(CandidateModels.Candidate candidate, int round)
      throws IOException, InterruptedException {
    Multipart body = candidate.upload(round);
    long start = System.nanoTime();
    String reply =
        patiently(
            201,
            api.request("/api/admin/models", admin)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
    double took = (System.nanoTime() - start) / 1e6;
    record("validation: " + candidate.name(), took, round);
    return Json.createReader(new StringReader(reply)).readObject().getJsonNumber("id").longValue();
  }

  private void evaluated(String name, long id, int round) throws Exception {
    long start = System.nanoTime();
    String reply = patiently(200, api.request("/api/admin/models/" + id + "/evaluation", admin));
    double took = (System.nanoTime() - start) / 1e6;
    JsonObject result = Json.createReader(new StringReader(reply)).readObject();
    if (result.getInt("evaluated") != scans.size()) {
      throw new IllegalStateException("evaluated " + result.getInt("evaluated") + ": " + reply);
    }
    record("evaluation, request: " + name, took, round);
    record("evaluation, model's run: " + name, result.getJsonNumber("millis").doubleValue(), round);
  }

  /**
   * Memory with the demo model, then after activating the large one, the demo, the large (and on,
   * alternating, up to {@code benchmark.activations}).
   */
  private void activations(long demo, long large) throws Exception {
    int count = Integer.getInteger("benchmark.activations", 3);
    try (ServerMemory watch = ServerMemory.of(server)) {
      predictSome();
      memory.put("before (demo model active)", watch.sample());
      for (int i = 1; i <= count; i++) {
        boolean toLarge = i % 2 == 1;
        String name = "activation " + i + " (" + (toLarge ? "large" : "demo") + " model)";
        long start = System.nanoTime();
        patiently(
            200,
            api.request("/api/admin/models/" + (toLarge ? large : demo) + "/activate", admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        record(name + ": answer", (System.nanoTime() - start) / 1e6, 1);
        predictSome();
        awaitRetiredClosed();
        memory.put("after " + name, watch.sample());
      }
    }
  }

  /** A few predictions, so the model's workers have made their working memory. */
  private void predictSome() {
    for (int i = 0; i < 8; i++) {
      long scan = scans.get(i);
      expect(200, api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token()));
    }
  }

  /** Waits for the server's log to say the model just retired is closed (at most two minutes). */
  private void awaitRetiredClosed() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      long seen =
          Files.readAllLines(server.log()).stream()
              .filter(l -> l.contains("Retired model"))
              .count();
      if (seen > retiredSeen) {
        retiredSeen = (int) seen;
        return;
      }
      Thread.sleep(100);
    }
    System.out.println("(the retired model was not reported closed within two minutes)");
  }

  private void record(String what, double value, int round) {
    millis.computeIfAbsent(what, k -> new ArrayList<>()).add(value);
    System.out.printf(Locale.ROOT, "round %d %-70s %9.1f ms%n", round, what, value);
  }

  private void print(int count) {
    System.out.println();
    System.out.printf(
        "medians of the rounds, ms (evaluation over %d reviewed scans; validation: the upload's"
            + " answer)%n",
        count);
    millis.forEach(
        (what, values) -> System.out.printf(Locale.ROOT, "%-75s %9.1f%n", what, median(values)));
    System.out.println();
    System.out.printf(
        "%-45s %18s %10s %22s%n",
        "server memory", "heap after GC, MB", "RSS, MB", "RSS outside JVM, MB");
    memory.forEach(
        (when, sample) ->
            System.out.printf(
                Locale.ROOT,
                "%-45s %18.1f %10.1f %22.1f%n",
                when,
                sample.heapAfterGcMb(),
                sample.rssMb(),
                sample.outsideJvmMb()));
    System.out.println("CPU pressure at the end: " + Machine.cpuPressure());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private String login(String email, String password) {
    Api.Reply login =
        api.post(
            "/api/auth/login",
            Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
            null);
    expect(200, login);
    return login.json().getString("token");
  }

  private long activeModel() {
    Api.Reply list = api.get("/api/admin/models", admin);
    expect(200, list);
    return list.array().stream()
        .map(v -> v.asJsonObject())
        .filter(m -> m.getString("status").equals("ACTIVE"))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  /**
   * The body of a request the test client would give up on after a minute: a large model's
   * validation, evaluation or loading may take longer on a busy machine.
   */
  private static String patiently(int status, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> reply =
        LONG_REQUESTS.send(
            request.timeout(Duration.ofMinutes(20)).build(), HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != status) {
      throw new IllegalStateException(
          "expected " + status + ": " + reply.statusCode() + " " + reply.body());
    }
    return reply.body();
  }

  private static void expect(int status, Api.Reply reply) {
    if (reply.status() != status) {
      throw new IllegalStateException("expected " + status + ": " + reply);
    }
  }
}
