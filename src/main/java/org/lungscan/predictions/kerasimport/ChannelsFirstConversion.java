package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Makes a model that Keras ran (partly) channels-first compute channels-last, because
 * Deeplearning4j's import mishandles channels-first layers. Every channels-first layer is switched
 * to channels-last (its weights do not depend on the layout), so its output holds the transpose of
 * Keras' (C, H, W) tensor. Wherever a layer depends on Keras' memory order (a channels-last layer,
 * Flatten, Reshape, a model output...), the Keras order is restored first by a transpose that
 * Deeplearning4j computes correctly: Reshape to (1, H*W, C), Permute((1, 3, 2)) (the one
 * permutation its Keras Permute gets right), and Reshape to (C, H, W). The converted model takes
 * channels-last input.
 */
final class ChannelsFirstConversion {

  /** Converted layers whose output is again transposed when their input is. */
  private static final Set<String> CONVERTIBLE =
      Set.of(
          "Conv2D",
          "SeparableConv2D",
          "DepthwiseConv2D",
          "MaxPooling2D",
          "AveragePooling2D",
          "ZeroPadding2D",
          "Cropping2D",
          "UpSampling2D");

  /** Element-wise layers that keep whatever layout they are given. */
  private static final Set<String> LAYOUT_NEUTRAL =
      Set.of(
          "Activation",
          "ReLU",
          "LeakyReLU",
          "ELU",
          "ThresholdedReLU",
          "Dropout",
          "GaussianDropout",
          "GaussianNoise",
          "AlphaDropout",
          "SpatialDropout2D");

  private static final Set<String> MERGES =
      Set.of("Add", "Subtract", "Multiply", "Average", "Maximum");

  private final ModelSpec model;
  private final Map<String, long[]> kerasShapes;

  /** Layers whose output holds the channels-last transpose of the tensor Keras computes. */
  private final Set<String> transposed = new HashSet<>();

  private final Map<String, String> restored = new HashMap<>();
  private final List<String> outputs;

  private ChannelsFirstConversion(ModelSpec model) {
    this.model = model;
    this.kerasShapes = ShapeInference.infer(model);
    this.outputs = new ArrayList<>(model.outputs());
  }

  static void convert(ModelSpec model) {
    if (model.layers().stream().anyMatch(LayerSpec::isChannelsFirst)) {
      new ChannelsFirstConversion(model).run();
    }
  }

  private void run() {
    // DL4J's Sequential import keeps only the last of consecutive Reshape/Permute/Flatten layers.
    model.makeFunctional();
    for (LayerSpec layer : List.copyOf(model.layers())) {
      convertLayer(layer);
    }
    for (int i = 0; i < outputs.size(); i++) {
      outputs.set(i, keras(outputs.get(i), null));
    }
    model.replaceOutputs(outputs);
    model.markRewritten();
  }

  private void convertLayer(LayerSpec layer) {
    String kind = layer.className();
    if (kind.equals("InputLayer")) {
      convertInput(layer);
    } else if (CONVERTIBLE.contains(kind) && layer.isChannelsFirst()) {
      useTransposedInputs(layer);
      layer.config().put("data_format", "channels_last");
      transposed.add(layer.name());
    } else if (kind.startsWith("Global") && layer.isChannelsFirst()) {
      useTransposedInputs(layer);
      layer.config().put("data_format", "channels_last");
    } else if (LAYOUT_NEUTRAL.contains(kind) || MERGES.contains(kind)) {
      keepLayoutIfAllTransposed(layer);
    } else if (isChannelAxisOp(layer) && allInputsTransposed(layer)) {
      layer.config().put("axis", -1);
      transposed.add(layer.name());
    } else {
      useKerasInputs(layer);
    }
  }

  private void convertInput(LayerSpec input) {
    long[] shape = kerasShapes.get(input.name());
    boolean imageInput = shape != null && shape.length == 3;
    boolean readByChannelsFirst =
        model.consumers(input.name()).stream().anyMatch(LayerSpec::isChannelsFirst);
    if (imageInput && readByChannelsFirst) {
      input
          .config()
          .set(
              "batch_input_shape",
              Json.array().addNull().add(dim(shape[1])).add(dim(shape[2])).add(dim(shape[0])));
      transposed.add(input.name());
    }
  }

  private static Long dim(long size) {
    return size < 0 ? null : size;
  }

  /**
   * BatchNormalization or Concatenate along axis 1: the channel axis of a channels-first tensor.
   */
  private static boolean isChannelAxisOp(LayerSpec layer) {
    boolean axisOp =
        layer.className().equals("BatchNormalization") || layer.className().equals("Concatenate");
    return axisOp && layer.config().path("axis").asInt(-1) == 1;
  }

  private boolean allInputsTransposed(LayerSpec layer) {
    return !layer.inbound().isEmpty() && transposed.containsAll(layer.inbound());
  }

  private void keepLayoutIfAllTransposed(LayerSpec layer) {
    if (allInputsTransposed(layer)) {
      transposed.add(layer.name());
    } else {
      useKerasInputs(layer);
    }
  }

  private void useKerasInputs(LayerSpec layer) {
    List<String> inbound = new ArrayList<>();
    layer.inbound().forEach(name -> inbound.add(keras(name, layer)));
    layer.setInbound(inbound);
  }

  private void useTransposedInputs(LayerSpec layer) {
    List<String> inbound = new ArrayList<>();
    for (String name : layer.inbound()) {
      inbound.add(transposed.contains(name) ? name : transposeToChannelsLast(name, layer));
    }
    layer.setInbound(inbound);
  }

  /**
   * The name of a tensor holding {@code name}'s output in Keras' memory order, inserting a
   * transpose if needed.
   */
  private String keras(String name, LayerSpec before) {
    if (!transposed.contains(name)) {
      return name;
    }
    return restored.computeIfAbsent(
        name,
        n -> {
          long[] shape = kerasShapes.get(n);
          // Stored as (H, W, C) = (shape[1], shape[2], shape[0]); Keras holds (C, H, W).
          return insertTranspose(n, shape[1] * shape[2], shape[0], shape, before, "_keras_layout");
        });
  }

  /**
   * A channels-first layer reading a tensor Keras keeps channels-last reads its memory as (C, H,
   * W).
   */
  private String transposeToChannelsLast(String name, LayerSpec before) {
    long[] shape = kerasShapes.get(name);
    long[] channelsLast = {shape[1], shape[2], shape[0]};
    return insertTranspose(
        name, shape[0], shape[1] * shape[2], channelsLast, before, "_channels_last");
  }

  /**
   * Inserts Reshape to (1, rows, columns), Permute((1, 3, 2)) and Reshape to {@code result} before
   * the layer {@code before} (at the end for a model output): a transpose of the tensor seen as a
   * rows x columns matrix. Returns the name of the last layer inserted.
   */
  private String insertTranspose(
      String source, long rows, long columns, long[] result, LayerSpec before, String suffix) {
    String base = source + suffix;
    LayerSpec matrix = reshape(base + "_matrix", source, 1, rows, columns);
    LayerSpec swap = permute(base + "_transpose", matrix.name());
    LayerSpec reshaped = reshape(base, swap.name(), result);
    for (LayerSpec added : List.of(matrix, swap, reshaped)) {
      if (before == null) {
        model.append(added);
      } else {
        model.insertBefore(before, added);
      }
    }
    return reshaped.name();
  }

  private static LayerSpec reshape(String name, String input, long... target) {
    ObjectNode config = baseConfig(name);
    config.set("target_shape", Json.longs(target));
    return new LayerSpec(name, "Reshape", config, List.of(input));
  }

  private static LayerSpec permute(String name, String input) {
    ObjectNode config = baseConfig(name);
    config.set("dims", Json.longs(1, 3, 2));
    return new LayerSpec(name, "Permute", config, List.of(input));
  }

  private static ObjectNode baseConfig(String name) {
    ObjectNode config = Json.object();
    config.put("name", name);
    config.put("trainable", false);
    config.put("dtype", "float32");
    return config;
  }
}
