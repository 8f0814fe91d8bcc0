package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Deeplearning4j has no Keras {@code Rescaling} or {@code Normalization} layer. Both are
 * per-channel affine maps, so each becomes an inference-only BatchNormalization whose statistics
 * reproduce it exactly: {@code (x - mean) / sqrt(variance + epsilon) * gamma + beta} with epsilon
 * 0.
 *
 * <ul>
 *   <li>Rescaling {@code x * scale + offset}: mean 0, variance 1, gamma = scale, beta = offset.
 *   <li>Normalization {@code (x - mean) / max(sqrt(variance), 1e-7)}: gamma 1, beta 0, the layer's
 *       mean, and its variance raised to 1e-14 where Keras would divide by its 1e-7 floor.
 *   <li>Normalization with {@code invert}, {@code x * max(sqrt(variance), 1e-7) + mean}: mean 0,
 *       variance 1, gamma = the divisor, beta = mean.
 * </ul>
 */
final class PreprocessingLayers {

  private static final double KERAS_EPSILON = 1e-7;

  private PreprocessingLayers() {}

  static void replace(ModelSpec model) throws ModelImportException {
    Map<String, long[]> shapes = ShapeInference.infer(model);
    for (LayerSpec layer : model.layers()) {
      if (layer.className().equals("Rescaling") || layer.className().equals("Normalization")) {
        int channels = channelCount(layer, shapes);
        List<NamedWeight> weights =
            layer.className().equals("Rescaling")
                ? rescalingWeights(layer, channels)
                : normalizationWeights(layer, channels);
        layer.replace("BatchNormalization", AffineLayers.batchNormalizationConfig(layer.name()));
        layer.setWeights(weights);
        model.markRewritten();
      }
    }
  }

  private static int channelCount(LayerSpec layer, Map<String, long[]> shapes)
      throws ModelImportException {
    long[] input = layer.inbound().isEmpty() ? null : shapes.get(layer.inbound().get(0));
    if (input == null || input.length == 0 || input[input.length - 1] <= 0) {
      throw new ModelImportException(
          "layer "
              + layer.describe()
              + " cannot be imported: the number of channels it sees is unknown.");
    }
    return Math.toIntExact(input[input.length - 1]);
  }

  private static List<NamedWeight> rescalingWeights(LayerSpec layer, int channels)
      throws ModelImportException {
    float[] scale = perChannel(layer, layer.config().get("scale"), channels, 1f);
    float[] offset = perChannel(layer, layer.config().get("offset"), channels, 0f);
    return statistics(scale, offset, constant(channels, 0f), constant(channels, 1f));
  }

  private static List<NamedWeight> normalizationWeights(LayerSpec layer, int channels)
      throws ModelImportException {
    checkNormalizationAxis(layer);
    float[] mean = normalizationStatistic(layer, "mean", channels);
    float[] variance = normalizationStatistic(layer, "variance", channels);
    float[] ones = constant(channels, 1f);
    if (layer.config().path("invert").asBoolean(false)) {
      float[] divisor = new float[channels];
      for (int i = 0; i < channels; i++) {
        divisor[i] = (float) Math.max(Math.sqrt(variance[i]), KERAS_EPSILON);
      }
      return statistics(divisor, mean, constant(channels, 0f), ones);
    }
    float[] flooredVariance = new float[channels];
    for (int i = 0; i < channels; i++) {
      boolean belowFloor = Math.sqrt(variance[i]) < KERAS_EPSILON;
      flooredVariance[i] = belowFloor ? (float) (KERAS_EPSILON * KERAS_EPSILON) : variance[i];
    }
    return statistics(ones, constant(channels, 0f), mean, flooredVariance);
  }

  private static void checkNormalizationAxis(LayerSpec layer) throws ModelImportException {
    JsonNode axis = layer.config().get("axis");
    boolean lastAxis =
        axis == null
            || axis.isNull()
            || axis.isInt() && axis.asInt() == -1
            || axis.isArray() && axis.size() == 1 && axis.get(0).asInt() == -1;
    if (!lastAxis) {
      throw new ModelImportException(
          "layer "
              + layer.describe()
              + " normalises along axis "
              + axis
              + "; only the last (channel) axis is supported.");
    }
  }

  /**
   * Statistics come from the config when given to the constructor, otherwise from the layer's
   * weights.
   */
  private static float[] normalizationStatistic(LayerSpec layer, String name, int channels)
      throws ModelImportException {
    JsonNode fromConfig = layer.config().get(name);
    if (fromConfig != null && !fromConfig.isNull()) {
      return perChannel(layer, fromConfig, channels, 0f);
    }
    NamedWeight weight = layer.weight(name);
    if (weight == null) {
      throw new ModelImportException(
          "layer " + layer.describe() + " has no " + name + " in the file.");
    }
    return broadcast(layer, weight.array().values(), channels);
  }

  private static float[] perChannel(LayerSpec layer, JsonNode value, int channels, float fallback)
      throws ModelImportException {
    if (value == null || value.isNull()) {
      return constant(channels, fallback);
    }
    List<Float> numbers = new ArrayList<>();
    flatten(value, numbers);
    float[] values = new float[numbers.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = numbers.get(i);
    }
    return broadcast(layer, values, channels);
  }

  private static void flatten(JsonNode value, List<Float> into) {
    if (value.isArray()) {
      value.forEach(item -> flatten(item, into));
    } else {
      into.add((float) value.asDouble());
    }
  }

  private static float[] broadcast(LayerSpec layer, float[] values, int channels)
      throws ModelImportException {
    if (values.length == channels) {
      return values.clone();
    }
    if (values.length == 1) {
      return constant(channels, values[0]);
    }
    throw new ModelImportException(
        "layer "
            + layer.describe()
            + " has "
            + values.length
            + " values per setting but its input has "
            + channels
            + " channels.");
  }

  private static float[] constant(int length, float value) {
    float[] values = new float[length];
    java.util.Arrays.fill(values, value);
    return values;
  }

  private static List<NamedWeight> statistics(
      float[] gamma, float[] beta, float[] mean, float[] variance) {
    return AffineLayers.statistics(gamma, beta, mean, variance);
  }
}
