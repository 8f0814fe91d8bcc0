package org.lungscan.benchmarks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.lungscan.testing.Api;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.TestDatabase;

/**
 * Upload throughput and upload-plus-predict latency over HTTP against the real WAR on Payara Micro
 * with MariaDB: {@code mvn -q -Pupload-benchmark}. Prints medians of the rounds and asserts
 * nothing.
 *
 * <p>With {@code -Dbenchmark.previous.war=PATH} (a WAR built from an earlier commit) that WAR runs
 * beside this build's, on its own server and database, and the rounds alternate between the two, so
 * both are measured in the same minutes of a machine whose other load comes and goes; the table
 * prints them side by side. The unavoidable parts of an upload and its prediction (one decode, one
 * SHA-256, one fsync, one forward pass, one row) are measured in this JVM in the same run.
 *
 * <p>Settings (system properties): {@code benchmark.port} (default 18097; the previous WAR's server
 * takes the next port), {@code benchmark.rounds} (3), {@code benchmark.warmup} (600 upload+predict
 * requests before the rounds, so that they measure a server in its steady state), {@code
 * benchmark.jfr} (a directory: each server records a Java Flight Recording there), {@code
 * it.db.suffix} (the databases' suffix). The servers run with {@code -Xmx2g} and the JVM's default
 * compilers, as in production.
 */
public final class UploadBenchmark {

  private static final int CLIENTS = 10;

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("benchmark.port", 18097);
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    String previousWar = System.getProperty("benchmark.previous.war", "");
    List<Configuration> configurations = new ArrayList<>();
    try {
      if (!previousWar.isBlank()) {
        configurations.add(Configuration.start("previous", Path.of(previousWar), port + 1));
      }
      configurations.add(Configuration.start("this build", RunningServer.war(), port));
      run(configurations, rounds);
    } finally {
      for (Configuration configuration : configurations) {
        configuration.stop();
      }
    }
  }

  private static void run(List<Configuration> configurations, int rounds) throws Exception {
    byte[] jpeg = megabyteJpeg();
    System.out.printf(
        Locale.ROOT,
        "image: %d x %d grey JPEG, %.2f MB; %d clients; %d rounds%n",
        1400,
        1400,
        jpeg.length / 1e6,
        CLIENTS,
        rounds);
    System.out.println("CPU: " + Machine.cpuModel() + ", " + Machine.processors() + " processors");
    System.out.println("CPU pressure before: " + Machine.cpuPressure());
    for (Configuration configuration : configurations) {
      configuration.warmUp(jpeg);
    }
    for (int round = 0; round < rounds; round++) {
      // alternate who goes first, so neither always meets the same moment of the machine's load
      for (int i = 0; i < configurations.size(); i++) {
        Configuration configuration =
            configurations.get(round % 2 == 0 ? i : configurations.size() - 1 - i);
        configuration.round(jpeg, round + 1);
      }
    }
    Parts parts = Parts.measure(jpeg);
    System.out.println("CPU pressure after: " + Machine.cpuPressure());
    Table.print(configurations, parts);
  }

  /** One WAR on its own server and database, and what was measured on it. */
  static final class Configuration {
    final String name;
    final RunningServer server;
    final TestDatabase database;
    final Api api;
    final long startMillis;
    Api.Doctor doctor;
    long patient;
    final Map<String, List<Measure>> measures = new LinkedHashMap<>();

    private Configuration(
        String name, RunningServer server, TestDatabase database, long startMillis) {
      this.name = name;
      this.server = server;
      this.database = database;
      this.api = new Api(server);
      this.startMillis = startMillis;
    }

    static Configuration start(String name, Path war, int port) throws Exception {
      String suffix = name.startsWith("previous") ? "_previous" : "";
      TestDatabase database = new TestDatabase("lungscan_upload_benchmark" + suffix).recreate();
      Path directory = Path.of("target", "upload-benchmark" + suffix).toAbsolutePath();
      List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
      String jfr = System.getProperty("benchmark.jfr", "");
      if (!jfr.isBlank()) {
        Path recording = Path.of(jfr).toAbsolutePath().resolve("upload" + suffix + ".jfr");
        Files.createDirectories(recording.getParent());
        jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
      }
      RunningServer server =
          new RunningServer(
                  directory,
                  port,
                  Map.of(
                      "LUNGSCAN_DB_URL",
                      database.url(),
                      "LUNGSCAN_DB_USER",
                      TestDatabase.user(),
                      "LUNGSCAN_DB_PASSWORD",
                      TestDatabase.password(),
                      "LUNGSCAN_DATA_DIR",
                      directory.resolve("data").toString()))
              .withWar(war)
              .withJvmOptions(jvm)
              .withStartTimeout(java.time.Duration.ofMinutes(10));
      long millis;
      try {
        millis = server.start().toMillis();
      } catch (RuntimeException | IOException e) {
        database.drop();
        throw e;
      }
      System.out.printf("%s (%s): start to ready %d ms%n", name, war, millis);
      return new Configuration(name, server, database, millis);
    }

    void warmUp(byte[] jpeg) throws Exception {
      doctor = api.newDoctor("Dr. Benchmark");
      patient = api.newPatient(doctor, "Benchmark Patient");
      measure(jpeg, 1, 20, false);
      // long enough for the JIT to finish compiling the path: with 50 requests, its compiler
      // threads still took a quarter of the server's CPU during the rounds
      measure(jpeg, CLIENTS, Integer.getInteger("benchmark.warmup", 600), true);
    }

    void round(byte[] jpeg, int round) throws Exception {
      record("upload c1", measure(jpeg, 1, 30, false), round);
      record("upload c" + CLIENTS, measure(jpeg, CLIENTS, 100, false), round);
      record("upload+predict c" + CLIENTS, measure(jpeg, CLIENTS, 100, true), round);
    }

    private void record(String what, Measure measure, int round) {
      measures.computeIfAbsent(what, k -> new ArrayList<>()).add(measure);
      System.out.printf(
          Locale.ROOT,
          "round %d %-12s %-20s %6.1f per s, p50 %6.1f ms, p95 %6.1f ms, CPU %5.1f ms each%n",
          round,
          name,
          what,
          measure.perSecond,
          measure.p50,
          measure.p95,
          measure.cpuMillisEach);
    }

    /** {@code count} uploads (and predictions) from {@code clients} clients. */
    Measure measure(byte[] jpeg, int clients, int count, boolean predict) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<Long>> calls = new ArrayList<>();
      long cpuBefore = Machine.cpuMillisOf(server.pid());
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        calls.add(pool.submit(() -> once(jpeg, predict)));
      }
      List<Long> latencies = new ArrayList<>();
      for (Future<Long> call : calls) {
        latencies.add(call.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long cpu = Machine.cpuMillisOf(server.pid()) - cpuBefore;
      pool.shutdown();
      Collections.sort(latencies);
      return new Measure(
          count / seconds, millis(latencies, 0.50), millis(latencies, 0.95), (double) cpu / count);
    }

    private long once(byte[] jpeg, boolean predict) {
      long begin = System.nanoTime();
      Api.Reply upload = api.upload(patient, "bench.jpg", "image/jpeg", jpeg, doctor.token());
      if (upload.status() != 201) {
        throw new IllegalStateException("upload failed: " + upload);
      }
      if (predict) {
        long scan = upload.json().getJsonNumber("id").longValue();
        Api.Reply reply = api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
        if (reply.status() != 200) {
          throw new IllegalStateException("predict failed: " + reply);
        }
      }
      return System.nanoTime() - begin;
    }

    /** The median over the rounds of one figure of one measurement. */
    double median(String what, java.util.function.ToDoubleFunction<Measure> figure) {
      double[] values = measures.get(what).stream().mapToDouble(figure).sorted().toArray();
      return values[values.length / 2];
    }

    void stop() throws InterruptedException {
      server.stop();
      database.drop();
    }
  }

  record Measure(double perSecond, double p50, double p95, double cpuMillisEach) {}

  private static double millis(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1))
        / 1e6;
  }

  /** A 1400 x 1400 grey JPEG of about 1 MB: noise over a gradient, like a scan's texture. */
  static byte[] megabyteJpeg() throws IOException {
    BufferedImage image = new BufferedImage(1400, 1400, BufferedImage.TYPE_BYTE_GRAY);
    Random random = new Random(7);
    byte[] pixels = new byte[1400 * 1400];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) Math.min(255, (i % 1400) / 7 + random.nextInt(60));
    }
    image.getRaster().setDataElements(0, 0, 1400, 1400, pixels);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.92f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    }
    writer.dispose();
    return out.toByteArray();
  }
}
