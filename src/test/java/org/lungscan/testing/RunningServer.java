package org.lungscan.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real WAR on a real Payara Micro, started as a hospital would start it: {@code java -jar
 * payara-micro.jar --deploy lungscan.war}, configured only by environment variables.
 */
public final class RunningServer {

  /** Longer with {@code -Dit.start.timeout.seconds=...} on a machine busy with other work. */
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Integer.getInteger("it.start.timeout.seconds", 240));

  private final Path workDirectory;
  private final int port;
  private final Map<String, String> environment;
  private Path preBootCommands;
  private Path logProperties;
  private List<String> clustering = List.of("--nocluster", "--nohazelcast");
  private Path war = war();
  private List<String> jvmOptions =
      List.of("-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  private Duration startTimeout = START_TIMEOUT;
  private Process process;

  public RunningServer(Path workDirectory, int port, Map<String, String> environment) {
    this.workDirectory = workDirectory;
    this.port = port;
    this.environment = new java.util.HashMap<>(environment);
  }

  /** Changes the environment the next start is given. */
  public void setEnvironment(String name, String value) {
    environment.put(name, value);
  }

  public static Path war() {
    return Path.of(System.getProperty("lungscan.war", "target/lungscan.war")).toAbsolutePath();
  }

  public static Path microJar() {
    return Path.of(System.getProperty("microJar", "target/payara-micro.jar")).toAbsolutePath();
  }

  /** Starts the server with the operator's pre-boot commands, as the README tells operators to. */
  public RunningServer withPreBootCommands(Path file) {
    this.preBootCommands = file.toAbsolutePath();
    return this;
  }

  /**
   * Starts the server as a named member of a Payara data grid that finds its members at the given
   * Hazelcast ports on this machine, as the README's cluster does; without this, alone.
   */
  public RunningServer inCluster(
      String clusterName, String instanceName, int hazelcastPort, List<Integer> memberPorts) {
    String members =
        memberPorts.stream()
            .map(p -> "127.0.0.1:" + p)
            .collect(java.util.stream.Collectors.joining(","));
    clustering =
        List.of(
            "--clustermode",
            "tcpip:" + members,
            "--clustername",
            clusterName,
            "--name",
            instanceName,
            "--startport",
            Integer.toString(hazelcastPort),
            "--nohostaware");
    return this;
  }

  /** Starts the server with these logging properties ({@code --logproperties}). */
  public RunningServer withLogProperties(Path file) {
    this.logProperties = file.toAbsolutePath();
    return this;
  }

  public int port() {
    return port;
  }

  /** Deploys {@code file} instead of the WAR this build made (e.g. an earlier version's). */
  public RunningServer withWar(Path file) {
    this.war = file.toAbsolutePath();
    return this;
  }

  /**
   * Starts the JVM with these options instead of the tests' (which trade speed for a quick start).
   */
  public RunningServer withJvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** Waits this long for a start (default four minutes) before giving up. */
  public RunningServer withStartTimeout(Duration timeout) {
    this.startTimeout = timeout;
    return this;
  }

  /** The server's process id, while it runs. */
  public long pid() {
    return process.pid();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public Path workDirectory() {
    return workDirectory;
  }

  /** Starts the server and waits until {@code /health/ready} answers 200. */
  public synchronized Duration start() throws IOException, InterruptedException {
    return start("/health/ready");
  }

  /**
   * Starts the server and waits until the application is deployed and, for {@code /health/ready},
   * ready; {@code /health/live} waits only for the deployment.
   */
  public synchronized Duration start(String healthPath) throws IOException, InterruptedException {
    Instant begin = Instant.now();
    try {
      launch(healthPath);
    } catch (DeploymentFailed failed) {
      // seen once in CI on a restart: Payara's deploy-time check found no data source yet
      // (AS-DEPLOYMENT-00026) and the server stayed up without the application; a second start
      // deployed it. Said on the console, so that it is not hidden if it comes back.
      System.out.println("Deployment failed (" + failed.getMessage() + "): starting once more");
      stop();
      launch(healthPath);
    }
    return Duration.between(begin, Instant.now());
  }

  /** The server came up without the application: its deployment failed. */
  private static final class DeploymentFailed extends IllegalStateException {
    DeploymentFailed(String message) {
      super(message);
    }
  }

  private void launch(String healthPath) throws IOException, InterruptedException {
    Files.createDirectories(workDirectory);
    // a root directory kept from an earlier start deploys the old WAR first and then redeploys it
    deleteRecursively(workDirectory.resolve("payara-root"));
    Path log = workDirectory.resolve("server.log");
    long logOffset = Files.exists(log) ? Files.size(log) : 0;
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.directory(workDirectory.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("LUNGSCAN_"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    builder.redirectOutput(
        ProcessBuilder.Redirect.appendTo(workDirectory.resolve("server.log").toFile()));
    process = builder.start();
    awaitHealthy(healthPath, logOffset);
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", microJar().toString()));
    command.addAll(List.of("--deploy", war.toString()));
    command.addAll(List.of("--port", Integer.toString(port)));
    command.addAll(clustering);
    command.addAll(List.of("--rootdir", workDirectory.resolve("payara-root").toString()));
    if (logProperties != null) {
      command.addAll(List.of("--logproperties", logProperties.toString()));
    }
    if (preBootCommands != null) {
      command.addAll(List.of("--prebootcommandfile", preBootCommands.toString()));
    }
    return command;
  }

  private void awaitHealthy(String healthPath, long logOffset) throws InterruptedException {
    // HTTP/1.1: an HTTP/2 connection upgraded while the server was still starting was seen to hang
    // every later request past its timeout (JDK 17) on a heavily loaded machine
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(startTimeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Payara exited with " + process.exitValue() + "; see " + log());
      }
      if (isUp(client, healthPath)) {
        return;
      }
      String failure = deploymentFailure(logOffset);
      if (failure != null) {
        throw new DeploymentFailed(failure);
      }
      Thread.sleep(500);
    }
    stop();
    throw new IllegalStateException("not ready within " + startTimeout + "; see " + log());
  }

  /**
   * Up, with the application's own checks in the answer: Payara answers UP with no checks at all
   * while the application is still being deployed. Deployed means the database check is up (the
   * schema is migrated) and the application's (its pages and API answer); ready means every check
   * is.
   */
  private boolean isUp(HttpClient client, String path) throws InterruptedException {
    boolean deployedIsEnough = path.endsWith("/live");
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      Map<String, String> checks = checksIn(response.body());
      boolean deployed =
          checks.keySet().containsAll(List.of("model", "storage", "database"))
              && "UP".equals(checks.get("database"));
      if (deployedIsEnough) {
        return deployed && "UP".equals(checks.get("application"));
      }
      // ready: every check is up (a WAR older than the application's check, as the benchmarks
      // start beside this build, is ready without it)
      return deployed && response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Payara's message that the application could not be deployed, in this start's log, or null. */
  private String deploymentFailure(long logOffset) {
    Path log = workDirectory.resolve("server.log");
    try (var file = new java.io.RandomAccessFile(log.toFile(), "r")) {
      if (file.length() <= logOffset) {
        return null;
      }
      file.seek(logOffset);
      byte[] bytes = new byte[(int) Math.min(file.length() - logOffset, 64L * 1024 * 1024)];
      file.readFully(bytes);
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      for (String marker : List.of("AS-DEPLOYMENT-00026", "Exception while loading the app")) {
        if (text.contains(marker)) {
          return marker;
        }
      }
      return null;
    } catch (IOException notReadable) {
      return null;
    }
  }

  /** Each check's name and state in a readiness answer; none if it is not one. */
  private static Map<String, String> checksIn(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      Map<String, String> checks = new java.util.HashMap<>();
      for (JsonObject check :
          reader.readObject().getJsonArray("checks").getValuesAs(JsonObject.class)) {
        checks.put(check.getString("name"), check.getString("status"));
      }
      return checks;
    } catch (RuntimeException notAReadinessAnswer) {
      return Map.of();
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (var paths = Files.walk(directory)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  public Path log() {
    return workDirectory.resolve("server.log");
  }

  /** Stops the server the way an operator would (SIGTERM) and waits for it. */
  public synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server the way a power cut would (SIGKILL), with no chance to clean up. */
  public synchronized void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
