package org.lungscan.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.TestDatabase;

/**
 * Start-to-ready of one instance: {@code mvn -q -Pstartup-benchmark}. Starts a plain Payara Micro
 * ({@code java -Xmx2g -jar payara-micro.jar --deploy lungscan.war}, alone) on the embedded database
 * and on MariaDB, and times each start from the process's launch to the first 200 of {@code
 * /health/ready} (database, storage and model up). Each configuration is started once on an empty
 * database first (reported apart: migrations run, the model is registered) and then {@code
 * benchmark.rounds} times again on the same data, as a restart or a new cluster member meets it.
 * Prints medians, the Payara process's CPU time to ready (steadier than wall time on a shared
 * machine), where the time went (from the server log's timestamps) and the machine's CPU pressure.
 * Asserts nothing.
 *
 * <p>With {@code -Dbenchmark.previous.war=PATH} (a WAR of an earlier commit) that WAR is started in
 * every round too, alternating with this build's, so both meet the same minutes of the machine.
 *
 * <p>Settings (system properties): {@code benchmark.port} (default 18197), {@code benchmark.rounds}
 * (3), {@code benchmark.databases} ({@code embedded,mariadb}), {@code benchmark.jvm} (the servers'
 * JVM options, default {@code -Xmx2g}, space-separated), {@code it.db.suffix} (the databases'
 * suffix).
 */
public final class StartupBenchmark {

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("benchmark.port", 18197);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    String previousWar = System.getProperty("benchmark.previous.war", "");
    List<String> databases =
        List.of(System.getProperty("benchmark.databases", "embedded,mariadb").split(","));
    List<Configuration> configurations = new ArrayList<>();
    for (String database : databases) {
      if (!previousWar.isBlank()) {
        configurations.add(new Configuration("previous", Path.of(previousWar), database, port));
      }
      configurations.add(new Configuration("this build", RunningServer.war(), database, port));
    }
    System.out.println("CPU: " + Machine.cpuModel() + ", " + Machine.processors() + " processors");
    System.out.println("CPU pressure before: " + Machine.cpuPressure());
    try {
      for (Configuration configuration : configurations) {
        configuration.firstStart();
      }
      for (int round = 1; round <= rounds; round++) {
        // alternate who goes first, so neither always meets the same moment of the machine's load
        List<Configuration> order = new ArrayList<>(configurations);
        if (round % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (Configuration configuration : order) {
          configuration.restart(round);
        }
      }
    } finally {
      for (Configuration configuration : configurations) {
        configuration.dropDatabase();
      }
    }
    System.out.println("CPU pressure after: " + Machine.cpuPressure());
    print(configurations, previousWar.isBlank());
  }

  /** One WAR on one kind of database, and its starts. */
  static final class Configuration {
    final String war;
    final String database;
    final Path warFile;
    final int port;
    final Path directory;
    final TestDatabase mariadb;
    Start first;
    final List<Start> restarts = new ArrayList<>();

    Configuration(String war, Path warFile, String database, int port) {
      this.war = war;
      this.warFile = warFile;
      this.database = database;
      this.port = port;
      String suffix = (war.startsWith("previous") ? "-previous-" : "-") + database;
      this.directory = Path.of("target", "startup-benchmark" + suffix).toAbsolutePath();
      this.mariadb =
          "mariadb".equals(database)
              ? new TestDatabase("lungscan_startup_benchmark" + suffix.replace('-', '_'))
              : null;
    }

    String name() {
      return war + ", " + database;
    }

    void firstStart() throws Exception {
      deleteRecursively(directory);
      if (mariadb != null) {
        mariadb.recreate();
      }
      first = start("first");
      print("first start (empty database)", first);
    }

    void restart(int round) throws Exception {
      Start start = start("round-" + round);
      restarts.add(start);
      print("round " + round, start);
    }

    private void print(String what, Start start) {
      System.out.printf(
          Locale.ROOT,
          "%-30s %-22s ready %6.1f s, CPU %6.1f s; CPU pressure %s%n",
          what,
          name(),
          start.readyMillis / 1000.0,
          start.cpuMillis / 1000.0,
          start.pressure);
    }

    private Start start(String label) throws IOException, InterruptedException {
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("LUNGSCAN_DATA_DIR", directory.resolve("data").toString());
      if (mariadb != null) {
        environment.put("LUNGSCAN_DB_URL", mariadb.url());
        environment.put("LUNGSCAN_DB_USER", TestDatabase.user());
        environment.put("LUNGSCAN_DB_PASSWORD", TestDatabase.password());
      }
      refuseIfTaken(port);
      Path work = directory.resolve(label);
      deleteRecursively(work);
      RunningServer server =
          new RunningServer(work, port, environment)
              .withWar(warFile)
              .withJvmOptions(jvmOptions())
              .withStartTimeout(Duration.ofMinutes(10));
      long launched = System.currentTimeMillis();
      try {
        long ready = server.start().toMillis();
        long cpu = Machine.cpuMillisOf(server.pid());
        Map<String, Long> milestones = StartupMilestones.read(server.log(), launched);
        return new Start(ready, cpu, milestones, Machine.cpuPressure());
      } finally {
        server.stop();
      }
    }

    void dropDatabase() {
      if (mariadb != null) {
        mariadb.drop();
      }
    }

    double medianReady() {
      return median(restarts.stream().mapToDouble(s -> s.readyMillis).toArray());
    }

    double medianCpu() {
      return median(restarts.stream().mapToDouble(s -> s.cpuMillis).toArray());
    }

    /**
     * The median time since launch of one milestone over the restarts that logged it; -1 if none.
     */
    double medianMilestone(String milestone) {
      double[] values =
          restarts.stream()
              .filter(s -> s.milestones.containsKey(milestone))
              .mapToDouble(s -> s.milestones.get(milestone))
              .toArray();
      return values.length == 0 ? -1 : median(values);
    }
  }

  record Start(long readyMillis, long cpuMillis, Map<String, Long> milestones, String pressure) {}

  /** A server left running on the port would answer at once and be timed instead. */
  private static void refuseIfTaken(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      throw new IllegalStateException("something already listens on port " + port);
    } catch (IOException free) {
      // nothing answers: the port is free
    }
  }

  private static List<String> jvmOptions() {
    return List.of(System.getProperty("benchmark.jvm", "-Xmx2g").trim().split("\\s+"));
  }

  private static void print(List<Configuration> configurations, boolean alone) {
    System.out.println();
    System.out.println("medians of the restarts, seconds since the process was launched");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-46s", ""));
    configurations.forEach(c -> header.append(String.format(Locale.ROOT, "%24s", c.name())));
    System.out.println(header);
    row(configurations, "start to ready (first 200 of /health/ready)", c -> c.medianReady());
    row(configurations, "CPU time of the server to ready", c -> c.medianCpu());
    row(configurations, "first start on an empty database", c -> (double) c.first.readyMillis);
    List<String> milestones = new ArrayList<>(StartupMilestones.MARKS.keySet());
    milestones.add(StartupMilestones.MODEL_LOAD_BEGAN);
    milestones.add(StartupMilestones.MODEL_LOADED);
    for (String milestone : milestones) {
      row(configurations, "  " + milestone, c -> c.medianMilestone(milestone));
    }
    if (!alone) {
      for (int i = 0; i + 1 < configurations.size(); i += 2) {
        Configuration previous = configurations.get(i);
        Configuration current = configurations.get(i + 1);
        System.out.printf(
            Locale.ROOT,
            "%s: this build / previous: start to ready %.2f, CPU %.2f%n",
            current.database,
            current.medianReady() / previous.medianReady(),
            current.medianCpu() / previous.medianCpu());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "target start to ready < 20 s: %s%n",
        configurations.stream()
                .filter(c -> c.war.equals("this build"))
                .allMatch(c -> c.medianReady() < 20_000)
            ? "met"
            : "NOT met");
  }

  private static void row(
      List<Configuration> configurations,
      String label,
      java.util.function.ToDoubleFunction<Configuration> millis) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-46s", label));
    for (Configuration configuration : configurations) {
      double value = millis.applyAsDouble(configuration);
      line.append(
          String.format(
              Locale.ROOT, "%24s", value < 0 ? "-" : String.format("%.1f", value / 1000.0)));
    }
    System.out.println(line);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
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
}
