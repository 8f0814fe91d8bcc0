package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model check for hospital IT: imports a model, describes it and, given an input batch and the
 * outputs Keras computed for it, prints the largest absolute difference. The last line printed is
 * always one of {@code import_ok}, {@code max_abs_diff=<number>}, {@code import_failed=<reason>} or
 * {@code check_failed=<reason>}.
 *
 * <p>Arguments: {@code --model=PATH [--input=X.npy --expected=Y.npy] [--tolerance=1e-4]
 * [--verbose=true]}; empty values count as absent. For several outputs {@code --expected} names the
 * first file ({@code NAME.output_0.npy}); the others are found by replacing that {@code _0} with
 * {@code _1}, ... Exit codes: 0 ok, 1 difference over the tolerance, 2 import failed, 3 bad
 * arguments or data.
 */
public final class ModelCheck {

  static final int OK = 0;
  static final int TOO_DIFFERENT = 1;
  static final int IMPORT_FAILED = 2;
  static final int CHECK_FAILED = 3;
  private static final double DEFAULT_TOLERANCE = 1e-4;

  private final PrintStream out;
  private final Map<String, String> options;
  private final Path baseDir;

  private ModelCheck(PrintStream out, Map<String, String> options, Path baseDir) {
    this.out = out;
    this.options = options;
    this.baseDir = baseDir;
  }

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    if (!Boolean.parseBoolean(options.getOrDefault("verbose", "false"))) {
      Logger.getLogger("").setLevel(Level.SEVERE);
    }
    int code = run(args, System.out, Paths.get("").toAbsolutePath());
    System.out.flush();
    System.exit(code);
  }

  /** Runs the check, printing to {@code out}; relative paths are taken from {@code baseDir}. */
  static int run(String[] args, PrintStream out, Path baseDir) {
    return new ModelCheck(out, parse(args), baseDir).check();
  }

  private int check() {
    String model = options.get("model");
    if (model == null) {
      return fail("check_failed", "no model given (use -Dmodel=PATH)", CHECK_FAILED);
    }
    ImportedModel imported;
    try {
      imported = ModelImporter.importModel(resolve(model));
    } catch (ModelImportException e) {
      return fail("import_failed", e.getMessage(), IMPORT_FAILED);
    }
    describe(resolve(model), imported);
    return compare(imported);
  }

  private void describe(Path model, ImportedModel imported) {
    out.println("model: " + model);
    out.println("format: " + imported.format().description());
    out.println(
        "input_shape: "
            + imported.inputShape()
            + (imported.inputShape().isImage() ? " (height x width x channels)" : ""));
    out.println("outputs: " + imported.outputCount());
    for (int i = 0; i < imported.outputCount(); i++) {
      out.println(
          "  output_" + i + ": " + imported.outputNames().get(i) + " " + imported.outputShape(i));
    }
    out.println("layers: " + imported.layerSummary().size());
    imported.layerSummary().forEach(layer -> out.println("  " + layer));
    out.println("parameters: " + imported.parameterCount());
    out.println(
        "flops_per_sample: "
            + (imported.flopsPerSample() < 0
                ? "unknown (input size not fixed)"
                : imported.flopsPerSample()));
  }

  private int compare(ImportedModel imported) {
    String input = options.get("input");
    String expected = options.get("expected");
    if (input == null && expected == null) {
      out.println("import_ok");
      return OK;
    }
    if (input == null || expected == null) {
      return fail("check_failed", "give both -Dinput and -Dexpected", CHECK_FAILED);
    }
    try {
      INDArray[] outputs = imported.output(Npy.read(resolve(input)));
      double difference =
          maxAbsDifference(outputs, expectedFiles(resolve(expected), outputs.length));
      double tolerance =
          Double.parseDouble(options.getOrDefault("tolerance", "" + DEFAULT_TOLERANCE));
      out.println("tolerance: " + tolerance);
      out.println("max_abs_diff=" + difference);
      return difference <= tolerance ? OK : TOO_DIFFERENT;
    } catch (IOException | RuntimeException e) {
      return fail("check_failed", e.getMessage(), CHECK_FAILED);
    }
  }

  private static List<Path> expectedFiles(Path first, int count) {
    List<Path> files = new ArrayList<>(List.of(first));
    String name = first.getFileName().toString();
    int marker = name.lastIndexOf("_0");
    if (count > 1 && marker < 0) {
      throw new IllegalArgumentException(
          "the model has "
              + count
              + " outputs: -Dexpected must name the first file, NAME.output_0.npy");
    }
    for (int i = 1; i < count; i++) {
      files.add(
          first.resolveSibling(name.substring(0, marker) + "_" + i + name.substring(marker + 2)));
    }
    return files;
  }

  private double maxAbsDifference(INDArray[] outputs, List<Path> expectedFiles) throws IOException {
    double max = 0;
    for (int i = 0; i < outputs.length; i++) {
      if (!Files.isRegularFile(expectedFiles.get(i))) {
        throw new IllegalArgumentException("missing expected output file " + expectedFiles.get(i));
      }
      INDArray expected = Npy.read(expectedFiles.get(i));
      if (!Arrays.equals(expected.shape(), outputs[i].shape())) {
        throw new IllegalArgumentException(
            "output "
                + i
                + " has shape "
                + Arrays.toString(outputs[i].shape())
                + " but "
                + expectedFiles.get(i).getFileName()
                + " has "
                + Arrays.toString(expected.shape()));
      }
      double difference =
          outputs[i]
              .castTo(DataType.DOUBLE)
              .sub(expected.castTo(DataType.DOUBLE))
              .amaxNumber()
              .doubleValue();
      out.println("  output_" + i + " max_abs_diff: " + difference);
      max = Double.isNaN(difference) ? Double.NaN : Math.max(max, difference);
    }
    return max;
  }

  private Path resolve(String path) {
    return baseDir.resolve(path).normalize();
  }

  private int fail(String key, String reason, int code) {
    out.println(key + "=" + String.valueOf(reason).replace('\n', ' '));
    return code;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        String value = arg.substring(arg.indexOf('=') + 1).trim();
        if (!value.isEmpty() && !value.startsWith("${")) {
          options.put(arg.substring(2, arg.indexOf('=')), value);
        }
      }
    }
    return options;
  }
}
