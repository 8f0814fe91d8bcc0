package org.lungscan.predictions.kerasimport;

import java.util.List;
import java.util.Set;

/**
 * Rewrites that turn a Keras model into one Deeplearning4j computes identically. Each marks the
 * model as rewritten when it changes something.
 */
final class ModelRewrites {

  private ModelRewrites() {}

  static void apply(ModelSpec model) throws ModelImportException {
    NumericFields.makeDecimal(model);
    ChannelsFirstConversion.convert(model);
    PreprocessingLayers.replace(model);
    PReLUExpansion.expand(model);
    PermuteFolding.fold(model);
    if (model.isSequential() && hasConsecutiveShapeLayers(model)) {
      model.makeFunctional();
    }
  }

  /** Layers DL4J turns into input preprocessors. */
  private static final Set<String> SHAPE_LAYERS =
      Set.of("Flatten", "Reshape", "Permute", "RepeatVector");

  /**
   * DL4J's Sequential import applies only the last of several consecutive shape layers (Reshape
   * then Flatten, say); its functional import applies each of them.
   */
  private static boolean hasConsecutiveShapeLayers(ModelSpec model) {
    List<LayerSpec> layers = model.layers();
    for (int i = 1; i < layers.size(); i++) {
      if (SHAPE_LAYERS.contains(layers.get(i - 1).className())
          && SHAPE_LAYERS.contains(layers.get(i).className())) {
        return true;
      }
    }
    return false;
  }
}
