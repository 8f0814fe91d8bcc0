package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a Keras 3 native {@code .keras} file: a zip of {@code metadata.json}, {@code config.json}
 * and {@code model.weights.h5}, whose weights sit under {@code layers/<path>/vars/0, 1, ...}.
 */
final class KerasZipReader {

  private KerasZipReader() {}

  static ModelSpec read(Path file, Path workDir) throws ModelImportException, IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      checkVersion(zip);
      ModelSpec model = Keras3ConfigReader.read(Json.parse(text(zip, "config.json")));
      Path weights = Files.createTempFile(workDir, "keras-weights-", ".h5");
      try {
        copyEntry(zip, "model.weights.h5", weights);
        try (H5Reader h5 = new H5Reader(weights)) {
          readWeights(h5, model);
        }
      } finally {
        Files.deleteIfExists(weights);
      }
      return model;
    }
  }

  private static void checkVersion(ZipFile zip) throws ModelImportException, IOException {
    String version = Json.parse(text(zip, "metadata.json")).path("keras_version").asText("");
    if (!version.startsWith("3.")) {
      throw new ModelImportException(
          "it says it was written by Keras '"
              + version
              + "'; .keras files are read only from Keras 3.");
    }
  }

  private static String text(ZipFile zip, String name) throws ModelImportException, IOException {
    try (InputStream in = entry(zip, name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copyEntry(ZipFile zip, String name, Path target)
      throws ModelImportException, IOException {
    try (InputStream in = entry(zip, name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static InputStream entry(ZipFile zip, String name)
      throws ModelImportException, IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new ModelImportException("it is not a complete Keras model: it has no " + name + ".");
    }
    return zip.getInputStream(entry);
  }

  private static void readWeights(H5Reader h5, ModelSpec model) throws ModelImportException {
    Map<String, String> pathByLayer = layerPaths(h5, model);
    for (LayerSpec layer : model.layers()) {
      String vars = "layers/" + pathByLayer.get(layer.name()) + "/vars";
      if (pathByLayer.containsKey(layer.name()) && h5.isGroup(vars)) {
        layer.setWeights(readVars(h5, vars, layer));
      }
    }
  }

  /**
   * Keras names each layer's group after its class ("conv2d", "conv2d_1", ...) in the order of
   * {@code model.layers}, which for a Sequential model leaves out the InputLayer. Files from recent
   * Keras also record the layer's own name on its {@code vars} group; that is preferred when
   * present.
   */
  private static Map<String, String> layerPaths(H5Reader h5, ModelSpec model) {
    Map<String, String> paths = new HashMap<>();
    Map<String, Integer> used = new HashMap<>();
    for (LayerSpec layer : model.layers()) {
      if (model.isSequential() && layer.sourceClassName().equals("InputLayer")) {
        continue;
      }
      String base = snakeCase(layer.sourceClassName());
      int seen = used.merge(base, 1, Integer::sum) - 1;
      paths.put(layer.name(), seen == 0 ? base : base + "_" + seen);
    }
    if (h5.isGroup("layers")) {
      for (String group : h5.groups("layers")) {
        String vars = "layers/" + group + "/vars";
        if (h5.isGroup(vars)) {
          h5.stringAttribute(vars, "name").ifPresent(name -> paths.put(name, group));
        }
      }
    }
    return paths;
  }

  static String snakeCase(String className) {
    return className
        .replaceAll("\\W+", "")
        .replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static List<NamedWeight> readVars(H5Reader h5, String vars, LayerSpec layer)
      throws ModelImportException {
    List<String> indices = new ArrayList<>(h5.datasets(vars));
    indices.sort(Comparator.comparingInt(Integer::parseInt));
    List<String> names = WeightNames.expected(layer);
    if (indices.size() != names.size()) {
      throw new ModelImportException(
          "layer "
              + layer.describe()
              + " has "
              + indices.size()
              + " weight arrays in the file, but "
              + names.size()
              + " were expected "
              + names
              + ".");
    }
    List<NamedWeight> weights = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      weights.add(new NamedWeight(names.get(i), h5.readFloats(vars + "/" + indices.get(i))));
    }
    return weights;
  }
}
