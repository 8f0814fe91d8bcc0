package org.lungscan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster the cluster tests share: two Payara Micro instances forming one data grid, one
 * MariaDB database, one data directory (scan images and the token key, as on a shared volume), and
 * HAProxy in front of them when it is installed. Started on first use, stopped when the test JVM
 * ends. Ports: {@code it.cluster.port} and the next two (instances, balancer), Hazelcast at that
 * plus 10 and 11.
 */
public final class Cluster {

  public static final String ADMIN_EMAIL = "admin@lungscan.test";
  public static final String ADMIN_PASSWORD = "Admin-password-for-tests-only";
  public static final String HAPROXY = "/usr/sbin/haproxy";

  /** The orphan clean-up runs every minute here, so a test sees both instances' timers fire. */
  public static final String ORPHAN_CLEAN_UP = "*:*";

  private static final TestDatabase DATABASE = new TestDatabase("lungscan_it_cluster");
  private static Cluster cluster;
  private static RuntimeException failedToStart;

  private final List<RunningServer> instances = new ArrayList<>();
  private Process balancer;

  private Cluster() {}

  public static synchronized Cluster get() {
    if (failedToStart != null) {
      throw failedToStart;
    }
    if (cluster == null) {
      DATABASE.recreate();
      cluster = new Cluster();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
      try {
        cluster.start();
      } catch (RuntimeException e) {
        failedToStart = e;
        throw e;
      }
    }
    for (int number = 1; number <= cluster.instances.size(); number++) {
      try {
        cluster.restart(number);
      } catch (Exception e) {
        throw new IllegalStateException("instance " + number + " did not start again", e);
      }
    }
    return cluster;
  }

  private static int basePort() {
    return Integer.getInteger("it.cluster.port", 18300);
  }

  private void start() {
    int base = basePort();
    List<Integer> grid = List.of(base + 10, base + 11);
    try {
      // logs of an earlier run would count as this run's
      for (int i = 1; i <= 2; i++) {
        Files.deleteIfExists(directory().resolve("instance-" + i).resolve("server.log"));
      }
      Files.deleteIfExists(directory().resolve("haproxy.log"));
      for (int i = 0; i < 2; i++) {
        RunningServer instance =
            new RunningServer(directory().resolve("instance-" + (i + 1)), base + i, environment())
                .withPreBootCommands(preBootCommands())
                .inCluster(clusterName(), "instance-" + (i + 1), grid.get(i), grid);
        if (i == 1) {
          // the second instance logs as the README's structured-logging option says
          instance.withLogProperties(Path.of("payara-config", "logging-json.properties"));
        }
        instances.add(instance);
      }
      // the first one alone migrates the database; the second then finds it ready
      System.out.println("cluster instance 1 ready in " + instances.get(0).start().toMillis());
      System.out.println("cluster instance 2 ready in " + instances.get(1).start().toMillis());
      if (Files.isExecutable(Path.of(HAPROXY))) {
        startBalancer();
      }
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("the test cluster did not start", e);
    }
  }

  private static String clusterName() {
    return "lungscan-it" + System.getProperty("it.db.suffix", "");
  }

  private void startBalancer() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            HAPROXY, "-db", "-f", Path.of("payara-config", "haproxy.cfg").toString());
    builder.environment().put("LUNGSCAN_LB_BIND", "127.0.0.1:" + (basePort() + 2));
    builder.environment().put("LUNGSCAN_INSTANCE_1", "127.0.0.1:" + basePort());
    builder.environment().put("LUNGSCAN_INSTANCE_2", "127.0.0.1:" + (basePort() + 1));
    builder.redirectErrorStream(true);
    builder.redirectOutput(
        ProcessBuilder.Redirect.appendTo(directory().resolve("haproxy.log").toFile()));
    balancer = builder.start();
    Poll.until(
        java.time.Duration.ofSeconds(30),
        () -> statusOf(balancerUri("/health/ready")) == 200,
        "HAProxy answers with a ready instance",
        () -> "see " + directory().resolve("haproxy.log"));
  }

  private static int statusOf(URI uri) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(uri)
                  .timeout(java.time.Duration.ofSeconds(5))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Whether HAProxy runs in front; tests through it are skipped, saying why, when not. */
  public boolean hasBalancer() {
    return balancer != null && balancer.isAlive();
  }

  public URI balancerUri(String path) {
    return URI.create("http://127.0.0.1:" + (basePort() + 2) + path);
  }

  public RunningServer instance(int number) {
    return instances.get(number - 1);
  }

  public List<RunningServer> instances() {
    return instances;
  }

  /** Starts an instance again after a test killed it, and waits until it is ready. */
  public void restart(int number) throws IOException, InterruptedException {
    RunningServer instance = instance(number);
    if (!instance.isRunning()) {
      System.out.println("cluster instance " + number + " ready again in " + instance.start());
    }
  }

  /**
   * The operator's pre-boot commands, and a listener that believes {@code X-Forwarded-Proto} as it
   * does behind the README's HAProxy.
   */
  private static Path preBootCommands() {
    try {
      Files.createDirectories(directory());
      Path file = directory().resolve("pre-boot-commands.asadmin");
      Files.writeString(
          file,
          Files.readString(Path.of("payara-config", "pre-boot-commands.asadmin"))
              + "\nset configs.config.server-config.network-config.protocols.protocol"
              + ".http-listener.http.scheme-mapping=X-Forwarded-Proto\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path directory() {
    return Path.of("target", "it-cluster").toAbsolutePath();
  }

  public static Path dataDirectory() {
    return directory().resolve("data");
  }

  public static TestDatabase database() {
    return DATABASE;
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("LUNGSCAN_DB_URL", DATABASE.url());
    env.put("LUNGSCAN_DB_USER", TestDatabase.user());
    env.put("LUNGSCAN_DB_PASSWORD", TestDatabase.password());
    env.put("LUNGSCAN_DATA_DIR", dataDirectory().toString());
    env.put("LUNGSCAN_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("LUNGSCAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("LUNGSCAN_HTTP_TRUSTED_PROXIES", "127.0.0.1");
    env.put("LUNGSCAN_SIGNUP", "open");
    env.put("LUNGSCAN_SIGN_IN_FIRST_WAIT_SECONDS", "60");
    env.put("LUNGSCAN_SIGN_IN_LONGEST_DELAY_MILLIS", "200");
    env.put("LUNGSCAN_STORAGE_ORPHAN_CLEAN_UP", ORPHAN_CLEAN_UP);
    return env;
  }

  private void stop() {
    if (balancer != null) {
      balancer.destroyForcibly();
    }
    for (RunningServer instance : instances) {
      try {
        instance.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    DATABASE.drop();
  }
}
