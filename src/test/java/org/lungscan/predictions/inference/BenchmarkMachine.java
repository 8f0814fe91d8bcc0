package org.lungscan.predictions.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What the benchmark says about the machine it ran on. */
final class BenchmarkMachine {

  private static final String NATIVE_DIR = "org/nd4j/linalg/cpu/nativecpu/bindings/";
  private static final List<String> CLASSIFIERS =
      List.of(
          "linux-x86_64",
          "linux-x86_64-avx2",
          "linux-x86_64-avx512",
          "linux-x86_64-onednn",
          "linux-x86_64-onednn-avx2",
          "linux-x86_64-onednn-avx512");

  private BenchmarkMachine() {}

  static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name")
        .map(line -> line.replaceFirst(".*:\\s*", ""))
        .orElse("unknown CPU");
  }

  /** Linux pressure stall information: share of time some runnable thread waited for a CPU. */
  static String cpuPressure() {
    return firstLine(Path.of("/proc/pressure/cpu"), "some")
        .map(
            line ->
                line.replaceAll("some |total=\\d+", "").replace("avg", "avg").trim()
                    + " (% of time)")
        .orElse("not available");
  }

  /** The nd4j-native native-library jars present, by classifier (JavaCPP loads one of them). */
  static String nativeClassifiers() {
    ClassLoader loader = BenchmarkMachine.class.getClassLoader();
    String found =
        CLASSIFIERS.stream()
            .filter(c -> loader.getResource(NATIVE_DIR + c + "/libnd4jcpu.so") != null)
            .collect(Collectors.joining(", "));
    return found.isEmpty() ? "none found" : found;
  }

  private static java.util.Optional<String> firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
