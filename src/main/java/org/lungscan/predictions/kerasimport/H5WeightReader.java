package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads layer weights stored the way Keras' {@code model.save("x.h5")} and {@code save_weights}
 * store them (Keras 2 and Keras 3 alike): a group per layer whose {@code weight_names} attribute
 * lists dataset paths relative to that group.
 */
final class H5WeightReader {

  private H5WeightReader() {}

  /**
   * @param root the group holding the layer groups: "model_weights" in a full model file, "" in a
   *     weights file
   */
  static void read(H5Reader file, String root, ModelSpec model) {
    for (LayerSpec layer : model.layers()) {
      String group = root.isEmpty() ? layer.name() : root + "/" + layer.name();
      if (file.isGroup(group)) {
        layer.setWeights(readLayer(file, group, layer));
      }
    }
  }

  private static List<NamedWeight> readLayer(H5Reader file, String group, LayerSpec layer) {
    List<NamedWeight> weights = new ArrayList<>();
    for (String storedName : file.stringArrayAttribute(group, "weight_names")) {
      String path = group + "/" + storedName;
      if (file.exists(path)) {
        weights.add(
            new NamedWeight(WeightNames.keras2Name(layer, storedName), file.readFloats(path)));
      }
    }
    return weights;
  }
}
