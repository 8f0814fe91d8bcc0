package org.lungscan.predictions.kerasimport;

import java.util.Arrays;
import java.util.List;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Per-channel affine maps {@code x * gamma + beta} built from an inference-only BatchNormalization
 * with mean 0, variance 1 and epsilon 0: Deeplearning4j computes {@code (x - 0) / sqrt(1 + 0) *
 * gamma + beta}, which is exactly {@code x * gamma + beta}.
 */
final class AffineLayers {

  private AffineLayers() {}

  static LayerSpec scale(String name, String input, float[] gamma) {
    float[] zeros = new float[gamma.length];
    float[] ones = new float[gamma.length];
    Arrays.fill(ones, 1f);
    LayerSpec layer =
        new LayerSpec(name, "BatchNormalization", batchNormalizationConfig(name), List.of(input));
    layer.setWeights(statistics(gamma, zeros, zeros, ones));
    return layer;
  }

  static List<NamedWeight> statistics(float[] gamma, float[] beta, float[] mean, float[] variance) {
    long[] shape = {gamma.length};
    return List.of(
        new NamedWeight("gamma", new WeightArray(shape, gamma)),
        new NamedWeight("beta", new WeightArray(shape, beta)),
        new NamedWeight("moving_mean", new WeightArray(shape, mean)),
        new NamedWeight("moving_variance", new WeightArray(shape, variance)));
  }

  static ObjectNode batchNormalizationConfig(String name) {
    ObjectNode config = Json.object();
    config.put("name", name);
    config.put("trainable", false);
    config.put("dtype", "float32");
    config.put("axis", -1);
    config.put("momentum", 0.99);
    config.put("epsilon", 0.0);
    config.put("center", true);
    config.put("scale", true);
    for (String weight : List.of("beta", "gamma", "moving_mean", "moving_variance")) {
      ObjectNode init = Json.object();
      init.put("class_name", "Zeros");
      init.set("config", Json.object());
      config.set(weight + "_initializer", init);
    }
    for (String field :
        List.of("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint")) {
      config.putNull(field);
    }
    return config;
  }
}
