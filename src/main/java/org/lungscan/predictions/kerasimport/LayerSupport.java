package org.lungscan.predictions.kerasimport;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Refuses, before Deeplearning4j sees it, any layer that Deeplearning4j 1.0.0-M2.1 would reject or,
 * worse, compute differently from Keras; the message names the layer and its Keras class.
 */
final class LayerSupport {

  private static final Set<String> SUPPORTED =
      Set.of(
          "InputLayer",
          "Conv2D",
          "SeparableConv2D",
          "DepthwiseConv2D",
          "Dense",
          "BatchNormalization",
          "MaxPooling2D",
          "AveragePooling2D",
          "GlobalAveragePooling2D",
          "GlobalMaxPooling2D",
          "Dropout",
          "SpatialDropout2D",
          "GaussianDropout",
          "GaussianNoise",
          "AlphaDropout",
          "Flatten",
          "Reshape",
          "ZeroPadding2D",
          "Cropping2D",
          "UpSampling2D",
          "Add",
          "Subtract",
          "Multiply",
          "Average",
          "Maximum",
          "Concatenate",
          "Activation",
          "ReLU",
          "LeakyReLU",
          "PReLU",
          "ELU",
          "Softmax",
          "ThresholdedReLU",
          "Permute");

  private static final Set<String> ACTIVATIONS =
      Set.of(
          "linear",
          "relu",
          "relu6",
          "sigmoid",
          "tanh",
          "softmax",
          "elu",
          "selu",
          "softplus",
          "softsign",
          "swish",
          "hard_sigmoid");

  private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

  private LayerSupport() {}

  static void check(ModelSpec model) throws ModelImportException {
    Map<String, long[]> shapes = ShapeInference.infer(model);
    for (LayerSpec layer : model.layers()) {
      checkClass(model, layer);
      checkActivation(model, layer);
      checkSettings(layer, inputShape(layer, shapes));
      checkChannelAxis(layer, inputShape(layer, shapes));
      checkWeights(layer);
    }
  }

  private static long[] inputShape(LayerSpec layer, Map<String, long[]> shapes) {
    return layer.inbound().isEmpty() ? null : shapes.get(layer.inbound().get(0));
  }

  /** The one Permute Deeplearning4j computes right, (1, 3, 2), and then only before a Reshape. */
  private static boolean swapsLastTwoAxesBeforeReshape(ModelSpec model, LayerSpec permute) {
    List<LayerSpec> consumers = model.consumers(permute.name());
    JsonNode dims = permute.config().path("dims");
    boolean swap =
        dims.size() == 3
            && dims.get(0).asInt() == 1
            && dims.get(1).asInt() == 3
            && dims.get(2).asInt() == 2;
    return swap && consumers.size() == 1 && consumers.get(0).className().equals("Reshape");
  }

  private static void checkClass(ModelSpec model, LayerSpec layer) throws ModelImportException {
    if (MODEL_CLASSES.contains(layer.className())) {
      throw unsupported(
          layer, "a model nested inside the model is not supported; save it flattened");
    }
    if (layer.className().equals("Permute") && !swapsLastTwoAxesBeforeReshape(model, layer)) {
      throw unsupported(
          layer, "Permute is supported only when its output goes through Flatten into Dense");
    }
    if (!SUPPORTED.contains(layer.className())) {
      throw unsupported(
          layer, "this kind of layer has no equivalent in LungScan's inference engine");
    }
  }

  private static void checkActivation(ModelSpec model, LayerSpec layer)
      throws ModelImportException {
    JsonNode activation = layer.config().get("activation");
    if (activation == null || activation.isNull()) {
      return;
    }
    String name = activation.asText();
    if (!ACTIVATIONS.contains(name)) {
      throw unsupported(layer, "activation '" + name + "' is not supported");
    }
    if (name.equals("hard_sigmoid") && model.kerasMajorVersion() >= 3) {
      // Keras 3 redefined hard_sigmoid as relu6(x + 3) / 6; DL4J has only the Keras 2 one.
      throw unsupported(layer, "activation 'hard_sigmoid' of Keras 3 is not supported");
    }
  }

  private static void checkSettings(LayerSpec layer, long[] input) throws ModelImportException {
    JsonNode c = layer.config();
    if (c.path("groups").asInt(1) != 1) {
      throw unsupported(
          layer, "grouped convolution (groups=" + c.path("groups").asInt() + ") is not supported");
    }
    if (c.path("keepdims").asBoolean(false)) {
      throw unsupported(layer, "global pooling with keepdims=True is not supported");
    }
    if (!c.path("interpolation").asText("nearest").equals("nearest")) {
      throw unsupported(layer, "only 'nearest' up-sampling is supported");
    }
    if (layer.className().equals("Softmax") && !isLastAxis(c.get("axis"), input)) {
      throw unsupported(layer, "softmax over an axis other than the last is not supported");
    }
    if (layer.className().equals("Dense") && input != null && input.length > 1) {
      throw unsupported(
          layer,
          "Dense applied to a "
              + (input.length + 1)
              + "-dimensional tensor is not supported (flatten it first)");
    }
  }

  private static void checkChannelAxis(LayerSpec layer, long[] input) throws ModelImportException {
    boolean axisSensitive =
        layer.className().equals("BatchNormalization") || layer.className().equals("Concatenate");
    if (!axisSensitive || input == null) {
      return;
    }
    JsonNode axis = layer.config().get("axis");
    if (!isLastAxis(axis, input)) {
      throw unsupported(
          layer, "working along axis " + axis + " (not the channel axis) is not supported");
    }
  }

  private static boolean isLastAxis(JsonNode axis, long[] input) {
    if (axis == null || axis.isNull()) {
      return true;
    }
    int value = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.asInt();
    return value == -1 || input != null && value == input.length;
  }

  private static void checkWeights(LayerSpec layer) throws ModelImportException {
    Set<String> present = new HashSet<>();
    layer.weights().forEach(w -> present.add(w.name()));
    List<String> expected = WeightNames.expected(layer);
    if (!present.containsAll(expected)) {
      throw new ModelImportException(
          "layer "
              + layer.describe()
              + " needs the weights "
              + expected
              + " but the file holds "
              + present
              + " for it.");
    }
  }

  private static ModelImportException unsupported(LayerSpec layer, String reason) {
    return new ModelImportException(
        "layer " + layer.describe() + " cannot be used: " + reason + ".");
  }
}
