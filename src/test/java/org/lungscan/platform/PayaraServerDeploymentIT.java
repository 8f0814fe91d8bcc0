package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lungscan.predictions.kerasimport.Npy;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.RunningServer;

/**
 * The hospital-IT path: the WAR deployed with {@code asadmin} to a new Payara Server 6 domain that
 * keeps every default, its 512 MB heap included, and is configured only with the commands of
 * README.md's Payara Server section (embedded database, so without the MySQL lines). It must become
 * ready and predict what Keras computed for a reference image.
 */
class PayaraServerDeploymentIT {

  private static final String DOMAIN = "lungscan-it";
  private static final long STOCK_HEAP_BYTES = 512L * 1024 * 1024;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
  private static final Path REFERENCE = Path.of("models", "reference");

  private final Path directory = Path.of("target", "it-payara-server").toAbsolutePath();
  private final Path domains = directory.resolve("domains");
  private final int portBase = Integer.getInteger("it.payara.server.portbase", 18100);
  private final int adminPort = portBase + 48;
  private final int httpPort = portBase + 80;

  @Test
  void aStockDomainRunsTheWarAndPredicts() throws Exception {
    if (Files.exists(domains.resolve(DOMAIN))) {
      stopAndDelete(); // left running by an interrupted run
    }
    deleteRecursively(directory);
    Files.createDirectories(domains);
    Instant begin = Instant.now();
    asadmin(
        "create-domain",
        "--nopassword",
        "--portbase",
        Integer.toString(portBase),
        "--domaindir",
        domains.toString(),
        DOMAIN);
    try {
      asadmin("start-domain", "--domaindir", domains.toString(), DOMAIN);
      configureAsTheReadmeSays();
      Duration toReady = awaitReady();
      System.out.println(
          "Payara Server: domain created, configured, deployed and ready in "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s (model ready "
              + toReady.toSeconds()
              + " s after deploy returned)");

      assertTrue(
          maxHeapBytes() <= STOCK_HEAP_BYTES, "the domain runs with its stock heap (-Xmx512m)");
      predictsWhatKerasComputed();
      System.out.println(
          "Payara Server heap after a prediction: "
              + metric("memory_usedHeap_bytes") / (1024 * 1024)
              + " MB used of "
              + maxHeapBytes() / (1024 * 1024)
              + " MB; process resident memory "
              + residentMemory());
    } finally {
      stopAndDelete();
    }
  }

  /** README.md, "On an existing Payara Server 6 domain", apart from the MySQL lines. */
  private void configureAsTheReadmeSays() throws Exception {
    String listener =
        "configs.config.server-config.network-config.protocols.protocol.http-listener-1";
    admin(
        "create-system-properties",
        "lungscan.data.dir=" + directory.resolve("data").toString().replace(":", "\\:"));
    admin("set", listener + ".http.server-header=false");
    admin("set", listener + ".http.xpowered-by=false");
    admin("set", listener + ".http.cookie-same-site-enabled=true");
    admin("set", listener + ".http.cookie-same-site-value=Strict");
    asadmin("restart-domain", "--domaindir", domains.toString(), DOMAIN);
    admin("deploy", "--contextroot", "/", RunningServer.war().toString());
  }

  private void predictsWhatKerasComputed() throws IOException {
    Api api = new Api(address());
    Api.Doctor doctor = api.newDoctor("Dr. Payara Server");
    long patient = api.newPatient(doctor, "Server Patient");
    String file = Files.readAllLines(REFERENCE.resolve("files.txt")).get(0).strip();
    Reply upload =
        api.upload(
            patient,
            file,
            "image/png",
            Files.readAllBytes(REFERENCE.resolve(file)),
            doctor.token());
    assertEquals(201, upload.status(), upload::toString);
    long scan = upload.json().getJsonNumber("id").longValue();

    Reply reply = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("Prediction successful", reply.json().getString("message"));
    JsonObject prediction = reply.json().getJsonObject("prediction");
    assertEquals(scan, prediction.getJsonNumber("scan_id").longValue());
    JsonObject probabilities = prediction.getJsonObject("probabilities");
    List<String> labels = List.of("normal", "benign_nodule", "malignant_nodule");
    var expected = Npy.read(REFERENCE.resolve("expected.npy"));
    for (int c = 0; c < labels.size(); c++) {
      assertEquals(
          expected.getDouble(0, c),
          probabilities.getJsonNumber(labels.get(c)).doubleValue(),
          1e-3,
          labels.get(c));
    }
  }

  /** Ready with the application's own checks: Payara answers UP with none while deploying. */
  private Duration awaitReady() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant begin = Instant.now();
    Instant deadline = begin.plus(READY_TIMEOUT);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> ready =
            client.send(
                HttpRequest.newBuilder(address().uri("/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = ready.statusCode() + " " + ready.body();
        if (ready.statusCode() == 200 && ready.body().contains("\"model\"")) {
          return Duration.between(begin, Instant.now());
        }
        if (modelFailedToLoad()) {
          throw new AssertionError("the model failed to load: " + last + "; see " + serverLog());
        }
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "not ready within " + READY_TIMEOUT + ": " + last + "; see " + serverLog());
  }

  /** Readiness tells anyone only that the model is down, not why: the domain's log does. */
  private boolean modelFailedToLoad() throws IOException {
    Path log = domains.resolve(DOMAIN).resolve("logs").resolve("server.log");
    return Files.exists(log) && Files.readString(log).contains("The model could not be loaded");
  }

  private long maxHeapBytes() throws Exception {
    return metric("memory_maxHeap_bytes");
  }

  /** A base metric of the server's JVM, read from Payara's own /metrics endpoint. */
  private long metric(String name) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(address().uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher value =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} (\\S+)$").matcher(body);
    assertTrue(value.find(), () -> name + " is not in /metrics");
    return (long) Double.parseDouble(value.group(1));
  }

  /** The server process's resident set, as Linux reports it, for the record. */
  private String residentMemory() throws IOException {
    Path pid = domains.resolve(DOMAIN).resolve("config").resolve("pid");
    Path status = Path.of("/proc", Files.readString(pid).strip(), "status");
    return Files.readAllLines(status).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.substring("VmRSS:".length()).strip())
        .findFirst()
        .orElse("unknown");
  }

  /** The domain's HTTP listener, as the address the API client needs (never started itself). */
  private RunningServer address() {
    return new RunningServer(directory, httpPort, Map.of());
  }

  /** Fails no test, so that a failure of the test itself stays the one reported. */
  private void stopAndDelete() throws Exception {
    String where = domains.toString();
    if (asadminExitCode("stop-domain", "--domaindir", where, DOMAIN) != 0) {
      asadminExitCode("stop-domain", "--kill=true", "--domaindir", where, DOMAIN);
    }
    Path log = domains.resolve(DOMAIN).resolve("logs").resolve("server.log");
    try {
      Files.copy(log, serverLog(), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException noLog) {
      System.err.println("no server.log to keep: " + noLog);
    }
    if (asadminExitCode("delete-domain", "--domaindir", where, DOMAIN) != 0) {
      System.err.println("the test domain could not be deleted; see " + log());
    }
  }

  /** A remote command to the running domain's administration port. */
  private void admin(String... command) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(adminPort)));
    arguments.addAll(List.of(command));
    asadmin(arguments.toArray(String[]::new));
  }

  private void asadmin(String... command) throws Exception {
    int exit = asadminExitCode(command);
    assertEquals(0, exit, () -> "asadmin " + String.join(" ", command) + " failed; see " + log());
  }

  /** Runs Payara Server's asadmin with the JDK running this test; its output goes to a log. */
  private int asadminExitCode(String... command) throws Exception {
    Path home = Path.of(System.getProperty("payara.server.home", "target/payara6"));
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(
        List.of(
            "-jar",
            home.resolve("glassfish/lib/client/appserver-cli.jar").toAbsolutePath().toString(),
            "--interactive=false"));
    line.addAll(List.of(command));
    Files.createDirectories(directory);
    Files.writeString(
        log(),
        "$ asadmin " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().put("AS_JAVA", System.getProperty("java.home"));
    builder.environment().keySet().removeIf(key -> key.startsWith("LUNGSCAN_"));
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    Instant begin = Instant.now();
    Process process = builder.start();
    if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      return -1;
    }
    System.out.println(
        "asadmin "
            + command[command.length > 2 && command[0].equals("--port") ? 2 : 0]
            + ": "
            + Duration.between(begin, Instant.now()).toMillis()
            + " ms");
    return process.exitValue();
  }

  private Path log() {
    return directory.resolve("asadmin.log");
  }

  /** The domain's server.log, kept here when the domain is deleted. */
  private Path serverLog() {
    return directory.resolve("server.log");
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var paths = Files.walk(path)) {
        for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(each);
        }
      }
    }
  }
}
