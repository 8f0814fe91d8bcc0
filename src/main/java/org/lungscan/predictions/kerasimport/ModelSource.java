package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a model's architecture and weights are, and in which format. A path may name a {@code .h5}
 * or {@code .keras} file, a Keras 2 architecture {@code *_config.json} (its weights in {@code
 * *_weights.h5} beside it), or a directory holding exactly one such pair.
 */
final class ModelSource {

  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final ModelFormat format;
  private final Path file;
  private final Path weightsFile;

  private ModelSource(ModelFormat format, Path file, Path weightsFile) {
    this.format = format;
    this.file = file;
    this.weightsFile = weightsFile;
  }

  ModelFormat format() {
    return format;
  }

  static ModelSource detect(Path path) throws ModelImportException, IOException {
    if (Files.isDirectory(path)) {
      return fromDirectory(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new ModelImportException("the file does not exist.");
    }
    if (path.getFileName().toString().endsWith(".json")) {
      return splitPair(path, weightsBeside(path));
    }
    byte[] head = head(path);
    if (startsWith(head, ZIP_MAGIC)) {
      return new ModelSource(ModelFormat.KERAS3_ZIP, path, null);
    }
    if (startsWith(head, HDF5_MAGIC)) {
      return new ModelSource(hdf5Format(path), path, null);
    }
    throw new ModelImportException(
        "it is neither a Keras .h5 (HDF5) file nor a Keras 3 .keras (zip) file.");
  }

  ModelSpec read(Path workDir) throws ModelImportException, IOException {
    switch (format) {
      case KERAS3_ZIP:
        return KerasZipReader.read(file, workDir);
      case KERAS2_JSON_AND_WEIGHTS:
        return readSplit();
      default:
        return readHdf5();
    }
  }

  /** Gives the original file(s) to Deeplearning4j, for Keras 2 models that needed no rewriting. */
  Network loadDirectly(boolean sequential) throws ModelImportException {
    return format == ModelFormat.KERAS2_JSON_AND_WEIGHTS
        ? Dl4jLoader.loadSplit(file, weightsFile, sequential)
        : Dl4jLoader.load(file, sequential);
  }

  private ModelSpec readHdf5() throws ModelImportException {
    try (H5Reader h5 = new H5Reader(file)) {
      String config =
          h5.stringAttribute("", "model_config")
              .orElseThrow(
                  () ->
                      new ModelImportException("it holds no model architecture (only weights?)."));
      ModelSpec model =
          format == ModelFormat.KERAS3_H5
              ? Keras3ConfigReader.read(Json.parse(config))
              : Keras2ConfigReader.read(Json.parse(config));
      H5WeightReader.read(h5, h5.isGroup("model_weights") ? "model_weights" : "", model);
      return model;
    }
  }

  private ModelSpec readSplit() throws ModelImportException, IOException {
    String config = Files.readString(file, StandardCharsets.UTF_8);
    ModelSpec model = Keras2ConfigReader.read(Json.parse(config));
    try (H5Reader h5 = new H5Reader(weightsFile)) {
      H5WeightReader.read(h5, h5.isGroup("model_weights") ? "model_weights" : "", model);
    }
    return model;
  }

  private static ModelFormat hdf5Format(Path path) throws ModelImportException {
    String version;
    try (H5Reader h5 = new H5Reader(path)) {
      version = h5.stringAttribute("", "keras_version").orElse("2");
    }
    if (version.startsWith("3")) {
      return ModelFormat.KERAS3_H5;
    }
    if (version.startsWith("2")) {
      return ModelFormat.KERAS2_H5;
    }
    throw new ModelImportException(
        "it was written by Keras " + version + "; only Keras 2 and 3 files are read.");
  }

  private static ModelSource fromDirectory(Path dir) throws ModelImportException, IOException {
    List<Path> configs = filesMatching(dir, ".json");
    if (configs.size() != 1) {
      throw new ModelImportException(
          "the directory must hold exactly one Keras architecture .json file"
              + " (found "
              + configs.size()
              + ").");
    }
    return splitPair(configs.get(0), weightsBeside(configs.get(0)));
  }

  private static Path weightsBeside(Path config) throws ModelImportException, IOException {
    String name = config.getFileName().toString();
    Path sibling = config.resolveSibling(name.replaceFirst("(_config)?\\.json$", "_weights.h5"));
    if (Files.isRegularFile(sibling)) {
      return sibling;
    }
    List<Path> candidates = filesMatching(config.toAbsolutePath().getParent(), "weights.h5");
    if (candidates.size() != 1) {
      throw new ModelImportException(
          "no single weights file (*_weights.h5) was found beside " + name + ".");
    }
    return candidates.get(0);
  }

  private static ModelSource splitPair(Path config, Path weights) {
    return new ModelSource(ModelFormat.KERAS2_JSON_AND_WEIGHTS, config, weights);
  }

  private static List<Path> filesMatching(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static byte[] head(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(HDF5_MAGIC.length);
    }
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
  }
}
