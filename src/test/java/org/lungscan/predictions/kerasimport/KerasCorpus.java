package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shared Keras compatibility corpus ({@code shared/keras-corpus}): where it is, which models it
 * holds, and the inputs and outputs Keras recorded for them. Found through the system property
 * {@code keras.corpus}; a missing corpus is an error, never a reason to skip.
 */
final class KerasCorpus {

  static final String MNIST_MLP = "keras2/mnist_mlp";

  private KerasCorpus() {}

  static Path root() {
    Path root =
        Paths.get(System.getProperty("keras.corpus", "../shared/keras-corpus"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(root.resolve("keras2")) || !Files.isDirectory(root.resolve("keras3"))) {
      throw new IllegalStateException(
          "The Keras corpus was not found at "
              + root
              + " (set -Dkeras.corpus=DIR); the model import tests cannot run without it.");
    }
    return root;
  }

  /**
   * Every model: keras2/*.h5, keras2/mnist_mlp, keras3/*.h5 and keras3/*.keras, as paths relative
   * to the root.
   */
  static List<String> models() throws IOException {
    Path root = root();
    List<String> models = new ArrayList<>();
    models.addAll(list(root, "keras2", ".h5"));
    models.add(MNIST_MLP);
    models.addAll(list(root, "keras3", ".h5"));
    models.addAll(list(root, "keras3", ".keras"));
    return models;
  }

  private static List<String> list(Path root, String dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(dir))) {
      return files
          .map(p -> dir + "/" + p.getFileName())
          .filter(name -> name.endsWith(suffix))
          .sorted()
          .toList();
    }
  }

  /** The README's tolerance: 1e-3 for the two models that chain many layers, 1e-4 otherwise. */
  static double tolerance(String model) {
    return model.contains("48net_complete") || model.contains("12net") ? 1e-3 : 1e-4;
  }

  /** NAME.input.npy beside NAME.h5 / NAME.keras, or null for a model recorded without outputs. */
  static INDArray input(String model) throws IOException {
    if (model.equals(MNIST_MLP)) {
      return mnistDataset("inputs/dense_1_input");
    }
    Path file = root().resolve(baseName(model) + ".input.npy");
    return Files.exists(file) ? Npy.read(file) : null;
  }

  /** NAME.output.npy, or NAME.output_0.npy, NAME.output_1.npy, ... in output order. */
  static List<INDArray> expectedOutputs(String model) throws IOException {
    if (model.equals(MNIST_MLP)) {
      return List.of(mnistDataset("predictions/dense_3"));
    }
    Path single = root().resolve(baseName(model) + ".output.npy");
    if (Files.exists(single)) {
      return List.of(Npy.read(single));
    }
    List<INDArray> outputs = new ArrayList<>();
    for (int i = 0; Files.exists(root().resolve(baseName(model) + ".output_" + i + ".npy")); i++) {
      outputs.add(Npy.read(root().resolve(baseName(model) + ".output_" + i + ".npy")));
    }
    return outputs;
  }

  static String baseName(String model) {
    return model.replaceFirst("\\.(h5|keras)$", "");
  }

  private static INDArray mnistDataset(String dataset) {
    Path file = root().resolve(MNIST_MLP).resolve("mnist_mlp_tf_keras_2_inputs_and_outputs.h5");
    try (H5Reader h5 = new H5Reader(file)) {
      WeightArray array = h5.readFloats(dataset);
      return org.nd4j.linalg.factory.Nd4j.create(array.values(), array.shape(), 'c');
    }
  }
}
