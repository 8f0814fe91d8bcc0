package org.lungscan.predictions.kerasimport;

import java.nio.file.Path;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;

/**
 * Hands a Keras 2 file to Deeplearning4j's {@code KerasModelImport}, turning its failures into
 * ours.
 */
final class Dl4jLoader {

  private Dl4jLoader() {}

  static Network load(Path kerasFile, boolean sequential) throws ModelImportException {
    String path = kerasFile.toString();
    try {
      return sequential
          ? Network.of(KerasModelImport.importKerasSequentialModelAndWeights(path, false))
          : Network.of(KerasModelImport.importKerasModelAndWeights(path, false));
    } catch (Exception | LinkageError e) {
      throw failure(e);
    }
  }

  static Network loadSplit(Path configJson, Path weights, boolean sequential)
      throws ModelImportException {
    String config = configJson.toString();
    String weightsPath = weights.toString();
    try {
      return sequential
          ? Network.of(
              KerasModelImport.importKerasSequentialModelAndWeights(config, weightsPath, false))
          : Network.of(KerasModelImport.importKerasModelAndWeights(config, weightsPath, false));
    } catch (Exception | LinkageError e) {
      throw failure(e);
    }
  }

  private static ModelImportException failure(Throwable e) {
    return new ModelImportException(
        "the inference engine (Deeplearning4j) could not build the network: "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage(),
        e);
  }
}
