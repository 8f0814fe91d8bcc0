package org.lungscan.predictions.inference;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lungscan.predictions.kerasimport.BenchmarkCnnFile;

/**
 * {@code mvn -q -Pbenchmark}: in-process inference performance of the shipped demo model and of a
 * 224x224x3 CNN of 5.1 million parameters ({@link BenchmarkCnnFile}), against the machine's
 * measured matrix-product rate. Prints medians; takes about 2-3 minutes on 2 cores. Arguments:
 * {@code --models=DIR} (default {@code models}), {@code quick} (fewer rounds, for a smoke run).
 */
public final class Benchmark {

  private final PrintStream out;
  private final Path modelsDir;
  private final boolean quick;
  private final List<String> verdicts = new ArrayList<>();
  private double mmulGflops;

  private Benchmark(PrintStream out, Path modelsDir, boolean quick) {
    this.out = out;
    this.modelsDir = modelsDir;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.SEVERE);
    Path models = Paths.get("models");
    boolean quick = false;
    for (String arg : args) {
      if (arg.startsWith("--models=") && arg.length() > "--models=".length()) {
        models = Paths.get(arg.substring("--models=".length()));
      }
      quick |= arg.equals("quick") || arg.equals("--quick");
    }
    Locale.setDefault(Locale.ROOT);
    new Benchmark(System.out, models.toAbsolutePath().normalize(), quick).run();
    System.out.flush();
    System.exit(0);
  }

  private void run() throws Exception {
    NativeBackend.allowLayerHelpersWhereTheyWork();
    describeMachine();
    mmulGflops = BenchmarkMeasures.mmulGflops(7);
    out.printf(
        "matrix product 2048x2048 float32: %.1f GFLOP/s (median of 7, %d threads)%n%n",
        mmulGflops, cores());
    Path dir = Files.createTempDirectory("lungscan-benchmark-");
    try {
      Path cnn = dir.resolve("cnn-224x224x3.h5");
      BenchmarkCnnFile.write(cnn);
      measure(loadWithSpareNetwork(modelsDir.resolve("lungscan-demo.h5")), 2.0);
      measure(loadWithSpareNetwork(cnn), 0);
    } finally {
      deleteQuietly(dir);
    }
    out.println("targets:");
    verdicts.forEach(verdict -> out.println("  " + verdict));
    out.printf("CPU pressure at end: %s%n", BenchmarkMachine.cpuPressure());
  }

  private void describeMachine() {
    out.printf(
        "LungScan inference benchmark, %s%n", Instant.now().toString().substring(0, 19) + "Z");
    out.printf(
        "machine: %d cores, %s, Java %s%n",
        cores(), BenchmarkMachine.cpuModel(), System.getProperty("java.version"));
    out.printf(
        "CPU pressure at start (time other processes kept this one waiting): %s%n",
        BenchmarkMachine.cpuPressure());
    out.printf(
        "nd4j-native classifier(s) on the class path: %s%n", BenchmarkMachine.nativeClassifiers());
    out.printf("%s%n", NativeBackend.acceleration());
  }

  /**
   * @param absoluteFloorMillis the latency target's floor: max(2 x FLOP-bound, floor)
   */
  private void measure(LungModel model, double absoluteFloorMillis) throws Exception {
    if (!model.isReady()) {
      out.println("model unavailable: " + model.unavailableReason().orElse(""));
      return;
    }
    double flopBoundMillis = model.flopsPerImage() / (mmulGflops * 1e9) * 1e3;
    double targetMillis = Math.max(2 * flopBoundMillis, absoluteFloorMillis);
    out.printf(
        "model %s (%s input, %,d parameters, %.1f MFLOP per image)%n",
        model.name(), model.input(), model.parameterCount(), model.flopsPerImage() / 1e6);
    out.printf(
        "  FLOP-bound time (FLOPs / matrix-product rate): %.2f ms; latency target: %.2f ms%n",
        flopBoundMillis, targetMillis);
    ScanTensor scan = syntheticScan(model);
    BenchmarkModelRun run = new BenchmarkModelRun(out, model, scan, quick);
    try {
      run.measure();
    } finally {
      NativeThreads.limitProcess(InferenceSettings.defaults().threadsPerCall());
    }
    run.print(flopBoundMillis);
    double p50 = run.latencyP50(0);
    double gain = run.throughputAt16(0) / Math.max(run.throughputAt16(2), run.throughputAt16(3));
    verdicts.add(
        String.format(
            "%s single-request p50 (default setup) %.2f ms vs target %.2f ms: %s",
            model.name(), p50, targetMillis, p50 <= targetMillis ? "MET" : "NOT MET"));
    verdicts.add(
        String.format(
            "%s batching gain at concurrency 16 (default setup vs best unbatched): %.1fx"
                + " vs target 2x: %s",
            model.name(), gain, gain >= 2 ? "MET" : "NOT MET"));
    out.println();
  }

  /**
   * Loads the model and imports the second network the two-worker setups need, each import after
   * the garbage collector has run: the model package leaves HDF5 type objects to the garbage
   * collector, and JavaCPP closes them on its own thread, outside the HDF5 lock; an import running
   * meanwhile can fail or crash the JVM (observed; see INFERENCE-NOTES.md).
   */
  private static LungModel loadWithSpareNetwork(Path file) throws Exception {
    settleNativeGarbage();
    LungModel model = LungModel.load(file);
    if (model.isReady()) {
      settleNativeGarbage();
      var first = model.takeNetwork();
      var second = model.takeNetwork();
      model.returnNetwork(first);
      model.returnNetwork(second);
    }
    return model;
  }

  private static void settleNativeGarbage() throws InterruptedException {
    System.gc();
    Thread.sleep(300);
  }

  /**
   * A scan as a real request brings it: a 512x512 8-bit gray image, preprocessed (timed) to the
   * model's input.
   */
  private ScanTensor syntheticScan(LungModel model) {
    BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_BYTE_GRAY);
    Random random = new Random(1);
    int[] pixels = new int[512 * 512];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(256);
    }
    image.getRaster().setPixels(0, 0, 512, 512, pixels);
    ScanPreprocessor preprocessor = new ScanPreprocessor(model.card());
    double[] millis = new double[quick ? 5 : 30];
    ScanTensor scan = null;
    for (int i = -5; i < millis.length; i++) {
      long start = System.nanoTime();
      scan = preprocessor.preprocess(image);
      if (i >= 0) {
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    out.printf(
        "  preprocessing a 512x512 8-bit image in the caller's thread: p50 %.2f ms%n",
        BenchmarkMeasures.median(millis));
    return scan;
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static void deleteQuietly(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }
}
