package org.lungscan.benchmarks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.lungscan.predictions.inference.InferenceQueue;
import org.lungscan.predictions.inference.InferenceSettings;
import org.lungscan.predictions.inference.LungModel;
import org.lungscan.predictions.inference.ScanTensor;
import org.lungscan.testing.TestDatabase;

/**
 * The unavoidable parts of one upload and its prediction, measured in this JVM one at a time: one
 * full decode of the JPEG, one SHA-256 of its bytes, one write and fsync of them, one forward pass
 * of the demo model through its queue, and one row inserted and committed in MariaDB. Each is the
 * median of many, in wall time and in CPU time (the forward pass: the whole process's, as the model
 * computes on threads of its own).
 */
record Parts(Part decode, Part hash, Part fsync, Part forward, Part row) {

  private static final int WARM_UP = 15;
  private static final int SAMPLES = 41;

  record Part(double wallMillis, double cpuMillis) {}

  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  double wallMillis() {
    return decode.wallMillis
        + hash.wallMillis
        + fsync.wallMillis
        + forward.wallMillis
        + row.wallMillis;
  }

  double cpuMillis() {
    return decode.cpuMillis + hash.cpuMillis + fsync.cpuMillis + forward.cpuMillis + row.cpuMillis;
  }

  static Parts measure(byte[] jpeg) throws Exception {
    BufferedImage[] decoded = new BufferedImage[1];
    Part decode = time(false, () -> decoded[0] = ImageIO.read(new ByteArrayInputStream(jpeg)));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Part hash = time(false, () -> sha256.digest(jpeg));
    Path file = Files.createTempFile(Path.of("target"), "fsync", ".part");
    Part fsync;
    try {
      fsync = time(false, () -> writeAndForce(file, jpeg));
    } finally {
      Files.deleteIfExists(file);
    }
    Part forward = forwardPass(decoded[0]);
    Part row = oneRow();
    Parts parts = new Parts(decode, hash, fsync, forward, row);
    System.out.printf(
        Locale.ROOT,
        "unavoidable parts, wall / CPU ms: decode %.2f / %.2f, SHA-256 %.2f / %.2f,"
            + " write+fsync %.2f / %.2f, forward pass %.2f / %.2f, row %.2f / %.2f;"
            + " sum %.2f / %.2f%n",
        decode.wallMillis,
        decode.cpuMillis,
        hash.wallMillis,
        hash.cpuMillis,
        fsync.wallMillis,
        fsync.cpuMillis,
        forward.wallMillis,
        forward.cpuMillis,
        row.wallMillis,
        row.cpuMillis,
        parts.wallMillis(),
        parts.cpuMillis());
    return parts;
  }

  private static void writeAndForce(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static Part forwardPass(BufferedImage image) throws Exception {
    LungModel model = LungModel.load(Path.of("models", "lungscan-demo.h5"));
    if (!model.isReady()) {
      throw new IllegalStateException("the demo model did not load: " + model);
    }
    try (InferenceQueue queue = new InferenceQueue(model, InferenceSettings.forModel(model))) {
      ScanTensor tensor = queue.preprocessor().preprocess(image);
      return time(true, () -> queue.predict(tensor).get());
    }
  }

  private static Part oneRow() throws Exception {
    TestDatabase database = new TestDatabase("lungscan_upload_benchmark_row").recreate();
    try (Connection connection = database.connect()) {
      try (Statement create = connection.createStatement()) {
        create.execute(
            "CREATE TABLE scan_row (id BIGINT AUTO_INCREMENT PRIMARY KEY, storage_key CHAR(64),"
                + " sha256 CHAR(64), size_bytes BIGINT, uploaded_at DATETIME(6)) ENGINE=InnoDB");
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO scan_row (storage_key, sha256, size_bytes, uploaded_at)"
                  + " VALUES (?, ?, ?, NOW(6))")) {
        return time(
            false,
            () -> {
              insert.setString(1, "k".repeat(64));
              insert.setString(2, "s".repeat(64));
              insert.setLong(3, 1_000_000);
              insert.executeUpdate();
            });
      }
    } finally {
      database.drop();
    }
  }

  /** Median wall and CPU time of {@code step}; CPU of the whole process or of this thread. */
  private static Part time(boolean wholeProcess, Step step) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      step.run();
    }
    double[] wall = new double[SAMPLES];
    double[] cpu = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      long cpuBefore = cpuNanos(wholeProcess);
      long before = System.nanoTime();
      step.run();
      wall[i] = (System.nanoTime() - before) / 1e6;
      cpu[i] = (cpuNanos(wholeProcess) - cpuBefore) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Part(wall[SAMPLES / 2], cpu[SAMPLES / 2]);
  }

  private static long cpuNanos(boolean wholeProcess) {
    if (wholeProcess
        && ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.getCurrentThreadCpuTime();
  }
}
