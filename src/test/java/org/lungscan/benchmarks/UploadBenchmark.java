package org.lungscan.benchmarks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * with MariaDB: {@code mvn -q -Pupload-benchmark}. Prints medians and percentiles; asserts nothing.
 */
public final class UploadBenchmark {

  private static final int ROUNDS = 3;

  public static void main(String[] args) throws Exception {
    TestDatabase database = new TestDatabase("lungscan_upload_benchmark").recreate();
    Path directory = Path.of("target", "upload-benchmark").toAbsolutePath();
    RunningServer server =
        new RunningServer(
            directory,
            18097,
            Map.of(
                "LUNGSCAN_DB_URL",
                database.url(),
                "LUNGSCAN_DB_USER",
                TestDatabase.user(),
                "LUNGSCAN_DB_PASSWORD",
                TestDatabase.password(),
                "LUNGSCAN_DATA_DIR",
                directory.resolve("data").toString()));
    try {
      System.out.println("server start to ready: " + server.start().toMillis() + " ms");
      run(new Api(server));
    } finally {
      server.stop();
      database.drop();
    }
  }

  private static void run(Api api) throws Exception {
    Api.Doctor doctor = api.newDoctor("Dr. Benchmark");
    long patient = api.newPatient(doctor, "Benchmark Patient");
    byte[] jpeg = megabyteJpeg();
    System.out.printf("image: %d x %d JPEG, %.2f MB%n", 1400, 1400, jpeg.length / 1e6);
    measure(api, doctor, patient, jpeg, 1, 20, false);
    for (int round = 0; round < ROUNDS; round++) {
      measure(api, doctor, patient, jpeg, 1, 30, false);
      measure(api, doctor, patient, jpeg, 10, 100, false);
      measure(api, doctor, patient, jpeg, 10, 100, true);
    }
  }

  /**
   * {@code count} uploads (and predictions) from {@code clients} clients; prints rate and latency.
   */
  private static void measure(
      Api api,
      Api.Doctor doctor,
      long patient,
      byte[] jpeg,
      int clients,
      int count,
      boolean predict)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Long>> calls = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      calls.add(
          pool.submit(
              () -> {
                long begin = System.nanoTime();
                Api.Reply upload =
                    api.upload(patient, "bench.jpg", "image/jpeg", jpeg, doctor.token());
                if (upload.status() != 201) {
                  throw new IllegalStateException("upload failed: " + upload);
                }
                if (predict) {
                  long scan = upload.json().getJsonNumber("id").longValue();
                  Api.Reply reply =
                      api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token());
                  if (reply.status() != 200) {
                    throw new IllegalStateException("predict failed: " + reply);
                  }
                }
                return System.nanoTime() - begin;
              }));
    }
    List<Long> latencies = new ArrayList<>();
    for (Future<Long> call : calls) {
      latencies.add(call.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Collections.sort(latencies);
    System.out.printf(
        "%-16s concurrency %2d: %5.1f per second; latency p50 %6.1f ms, p95 %6.1f ms (%d requests)%n",
        predict ? "upload+predict" : "upload",
        clients,
        count / seconds,
        millis(latencies, 0.50),
        millis(latencies, 0.95),
        count);
  }

  private static double millis(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1))
        / 1e6;
  }

  /** A 1400 x 1400 grey JPEG of about 1 MB: noise over a gradient, like a scan's texture. */
  private static byte[] megabyteJpeg() throws Exception {
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
