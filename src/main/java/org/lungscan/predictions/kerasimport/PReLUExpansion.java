package org.lungscan.predictions.kerasimport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Deeplearning4j applies a Keras PReLU's slopes along the wrong axis for channels-last images. A
 * PReLU with one slope per channel is rebuilt from layers it computes right, with the same
 * rounding: {@code relu(x) + (-alpha) * relu(-x)}, the two scalings being per-channel affine
 * layers. The last layer keeps the PReLU's name, so nothing that reads it changes.
 */
final class PReLUExpansion {

  private PReLUExpansion() {}

  static void expand(ModelSpec model) throws ModelImportException {
    Map<String, long[]> shapes = ShapeInference.infer(model);
    for (LayerSpec prelu : List.copyOf(model.layers())) {
      if (prelu.className().equals("PReLU")) {
        expand(model, prelu, shapes.get(prelu.inbound().get(0)));
      }
    }
  }

  private static void expand(ModelSpec model, LayerSpec prelu, long[] inputShape)
      throws ModelImportException {
    NamedWeight alpha = prelu.weight("alpha");
    long channels = inputShape == null ? -1 : inputShape[inputShape.length - 1];
    if (alpha == null || channels <= 0 || alpha.array().size() != channels) {
      throw new ModelImportException(
          "layer "
              + prelu.describe()
              + " cannot be used: only PReLU with one"
              + " slope per channel (shared over all other axes) is supported.");
    }
    model.makeFunctional();
    String input = prelu.inbound().get(0);
    String base = prelu.name();
    LayerSpec positive = relu(base + "_positive_part", input);
    LayerSpec negated = AffineLayers.scale(base + "_negated", input, constant(channels, -1f));
    LayerSpec negative = relu(base + "_negative_part", negated.name());
    LayerSpec scaled = AffineLayers.scale(base + "_scaled", negative.name(), negatedSlopes(alpha));
    for (LayerSpec added : List.of(positive, negated, negative, scaled)) {
      model.insertBefore(prelu, added);
    }
    prelu.replace("Add", addConfig(base));
    prelu.setInbound(List.of(positive.name(), scaled.name()));
    prelu.setWeights(List.of());
  }

  private static float[] negatedSlopes(NamedWeight alpha) {
    float[] values = alpha.array().values().clone();
    for (int i = 0; i < values.length; i++) {
      values[i] = -values[i];
    }
    return values;
  }

  private static float[] constant(long length, float value) {
    float[] values = new float[Math.toIntExact(length)];
    Arrays.fill(values, value);
    return values;
  }

  private static LayerSpec relu(String name, String input) {
    ObjectNode config = Json.object();
    config.put("name", name);
    config.put("trainable", false);
    config.put("dtype", "float32");
    config.put("activation", "relu");
    return new LayerSpec(name, "Activation", config, List.of(input));
  }

  private static ObjectNode addConfig(String name) {
    ObjectNode config = Json.object();
    config.put("name", name);
    config.put("trainable", false);
    config.put("dtype", "float32");
    return config;
  }
}
