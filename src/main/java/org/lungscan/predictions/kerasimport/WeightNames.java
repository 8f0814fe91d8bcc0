package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;

/**
 * The Keras 2 names of a layer's weights, in the order Keras creates (and a {@code .keras} file
 * numbers) them.
 */
final class WeightNames {

  private WeightNames() {}

  static List<String> expected(LayerSpec layer) {
    List<String> names = new ArrayList<>();
    switch (layer.className()) {
      case "Conv2D":
      case "Dense":
        names.add("kernel");
        addBias(layer, names);
        break;
      case "DepthwiseConv2D":
        names.add("depthwise_kernel");
        addBias(layer, names);
        break;
      case "SeparableConv2D":
        names.add("depthwise_kernel");
        names.add("pointwise_kernel");
        addBias(layer, names);
        break;
      case "BatchNormalization":
        addIf(layer, "scale", "gamma", names);
        addIf(layer, "center", "beta", names);
        names.add("moving_mean");
        names.add("moving_variance");
        break;
      case "PReLU":
        names.add("alpha");
        break;
      case "Normalization":
        if (layer.config().hasNonNull("mean")) {
          break; // statistics given to the constructor live in the config, not in weights
        }
        names.add("mean");
        names.add("variance");
        names.add("count");
        break;
      default:
        break;
    }
    return names;
  }

  /**
   * The Keras 2 name for a weight whose stored name ends in {@code storedName} (a path, maybe with
   * ":0").
   */
  static String keras2Name(LayerSpec layer, String storedName) {
    String last = storedName.substring(storedName.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
    if (layer.className().equals("DepthwiseConv2D") && last.equals("kernel")) {
      return "depthwise_kernel";
    }
    return last;
  }

  private static void addBias(LayerSpec layer, List<String> names) {
    addIf(layer, "use_bias", "bias", names);
  }

  private static void addIf(LayerSpec layer, String flag, String weight, List<String> names) {
    if (layer.config().path(flag).asBoolean(true)) {
      names.add(weight);
    }
  }
}
