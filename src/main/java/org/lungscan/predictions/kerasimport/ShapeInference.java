package org.lungscan.predictions.kerasimport;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Works out each layer's output shape per sample (batch dimension left out, -1 where the model
 * accepts any size) the way Keras does, for the layers LungScan imports. Layers of other kinds get
 * no shape.
 */
final class ShapeInference {

  private static final Set<String> SAME_SHAPE =
      Set.of(
          "Activation",
          "ReLU",
          "LeakyReLU",
          "PReLU",
          "ELU",
          "Softmax",
          "ThresholdedReLU",
          "Dropout",
          "SpatialDropout2D",
          "GaussianDropout",
          "GaussianNoise",
          "AlphaDropout",
          "BatchNormalization",
          "Rescaling",
          "Normalization",
          "Add",
          "Subtract",
          "Multiply",
          "Average",
          "Maximum",
          "Minimum",
          "ActivityRegularization");

  private ShapeInference() {}

  static Map<String, long[]> infer(ModelSpec model) {
    Map<String, long[]> shapes = new HashMap<>();
    for (LayerSpec layer : model.layers()) {
      long[] shape = outputShape(layer, inputShapes(layer, shapes));
      if (shape != null) {
        shapes.put(layer.name(), shape);
      }
    }
    return shapes;
  }

  private static long[][] inputShapes(LayerSpec layer, Map<String, long[]> shapes) {
    return layer.inbound().stream().map(shapes::get).toArray(long[][]::new);
  }

  private static long[] outputShape(LayerSpec layer, long[][] inputs) {
    if (layer.className().equals("InputLayer")) {
      return inputLayerShape(layer.config());
    }
    if (inputs.length == 0 || Arrays.stream(inputs).anyMatch(s -> s == null)) {
      return null;
    }
    long[] in = inputs[0];
    if (SAME_SHAPE.contains(layer.className())) {
      return in.clone();
    }
    return derivedShape(layer, in, inputs);
  }

  private static long[] derivedShape(LayerSpec layer, long[] in, long[][] inputs) {
    JsonNode c = layer.config();
    switch (layer.className()) {
      case "Conv2D":
      case "SeparableConv2D":
        return convolution(layer, in, c.path("filters").asLong());
      case "DepthwiseConv2D":
        return convolution(layer, in, channels(layer, in) * c.path("depth_multiplier").asLong(1));
      case "MaxPooling2D":
      case "AveragePooling2D":
        return pooling(layer, in);
      case "GlobalAveragePooling2D":
      case "GlobalMaxPooling2D":
        return globalPooling(layer, in);
      case "ZeroPadding2D":
        return resize(layer, in, pairs(c.get("padding")), 1);
      case "Cropping2D":
        return resize(layer, in, pairs(c.get("cropping")), -1);
      case "UpSampling2D":
        return upsample(layer, in, c.get("size"));
      case "Dense":
        return dense(in, c.path("units").asLong());
      case "Flatten":
        return new long[] {product(in)};
      case "Reshape":
        return reshape(in, c.get("target_shape"));
      case "Permute":
        return permute(in, c.get("dims"));
      case "Concatenate":
        return concatenate(inputs, c.path("axis").asInt(-1));
      default:
        return null;
    }
  }

  private static long[] inputLayerShape(JsonNode config) {
    JsonNode shape =
        config.has("batch_input_shape")
            ? config.get("batch_input_shape")
            : config.get("batch_shape");
    if (shape == null || !shape.isArray() || shape.size() < 2) {
      return null;
    }
    long[] dims = new long[shape.size() - 1];
    for (int i = 1; i < shape.size(); i++) {
      dims[i - 1] = shape.get(i).isNull() ? -1 : shape.get(i).asLong();
    }
    return dims;
  }

  /** Indices of height, width and channels in a per-sample image shape. */
  static int[] imageAxes(LayerSpec layer) {
    return layer.isChannelsFirst() ? new int[] {1, 2, 0} : new int[] {0, 1, 2};
  }

  private static long channels(LayerSpec layer, long[] in) {
    return in.length == 3 ? in[imageAxes(layer)[2]] : -1;
  }

  private static long[] convolution(LayerSpec layer, long[] in, long outChannels) {
    if (in.length != 3) {
      return null;
    }
    JsonNode c = layer.config();
    boolean same = "same".equals(c.path("padding").asText());
    long[] out = new long[3];
    int[] axes = imageAxes(layer);
    for (int i = 0; i < 2; i++) {
      long kernel = c.path("kernel_size").path(i).asLong(1);
      long stride = c.path("strides").path(i).asLong(1);
      long dilation = c.path("dilation_rate").path(i).asLong(1);
      out[axes[i]] = windowOutput(in[axes[i]], dilation * (kernel - 1) + 1, stride, same);
    }
    out[axes[2]] = outChannels;
    return out;
  }

  private static long[] pooling(LayerSpec layer, long[] in) {
    if (in.length != 3) {
      return null;
    }
    JsonNode c = layer.config();
    boolean same = "same".equals(c.path("padding").asText());
    long[] out = in.clone();
    int[] axes = imageAxes(layer);
    for (int i = 0; i < 2; i++) {
      long pool = c.path("pool_size").path(i).asLong(2);
      JsonNode strides = c.get("strides");
      long stride = strides == null || strides.isNull() ? pool : strides.path(i).asLong(pool);
      out[axes[i]] = windowOutput(in[axes[i]], pool, stride, same);
    }
    return out;
  }

  private static long windowOutput(long size, long window, long stride, boolean same) {
    if (size < 0) {
      return -1;
    }
    return same ? (size + stride - 1) / stride : Math.floorDiv(size - window, stride) + 1;
  }

  private static long[] globalPooling(LayerSpec layer, long[] in) {
    if (in.length != 3) {
      return null;
    }
    long channels = channels(layer, in);
    if (!layer.config().path("keepdims").asBoolean(false)) {
      return new long[] {channels};
    }
    return layer.isChannelsFirst() ? new long[] {channels, 1, 1} : new long[] {1, 1, channels};
  }

  /** {@code [[top, bottom], [left, right]]}, also accepting one number or one number per axis. */
  static long[][] pairs(JsonNode value) {
    if (value == null || value.isNumber()) {
      long v = value == null ? 0 : value.asLong();
      return new long[][] {{v, v}, {v, v}};
    }
    long[][] result = new long[2][2];
    for (int i = 0; i < 2; i++) {
      JsonNode axis = value.get(i);
      result[i][0] = axis.isArray() ? axis.get(0).asLong() : axis.asLong();
      result[i][1] = axis.isArray() ? axis.get(1).asLong() : axis.asLong();
    }
    return result;
  }

  private static long[] resize(LayerSpec layer, long[] in, long[][] amounts, int sign) {
    if (in.length != 3) {
      return null;
    }
    long[] out = in.clone();
    int[] axes = imageAxes(layer);
    for (int i = 0; i < 2; i++) {
      long size = in[axes[i]];
      out[axes[i]] = size < 0 ? -1 : size + sign * (amounts[i][0] + amounts[i][1]);
    }
    return out;
  }

  private static long[] upsample(LayerSpec layer, long[] in, JsonNode size) {
    if (in.length != 3) {
      return null;
    }
    long[] out = in.clone();
    int[] axes = imageAxes(layer);
    for (int i = 0; i < 2; i++) {
      long factor = size == null ? 2 : size.isArray() ? size.get(i).asLong() : size.asLong();
      out[axes[i]] = in[axes[i]] < 0 ? -1 : in[axes[i]] * factor;
    }
    return out;
  }

  private static long[] dense(long[] in, long units) {
    long[] out = in.clone();
    out[out.length - 1] = units;
    return out;
  }

  static long product(long[] shape) {
    long product = 1;
    for (long dim : shape) {
      if (dim < 0) {
        return -1;
      }
      product *= dim;
    }
    return product;
  }

  private static long[] reshape(long[] in, JsonNode target) {
    long[] out = new long[target.size()];
    long known = 1;
    int free = -1;
    for (int i = 0; i < out.length; i++) {
      out[i] = target.get(i).asLong();
      if (out[i] < 0) {
        free = i;
      } else {
        known *= out[i];
      }
    }
    long total = product(in);
    if (free >= 0) {
      out[free] = total < 0 ? -1 : total / known;
    }
    return out;
  }

  private static long[] permute(long[] in, JsonNode dims) {
    long[] out = new long[dims.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = in[dims.get(i).asInt() - 1];
    }
    return out;
  }

  private static long[] concatenate(long[][] inputs, int axis) {
    int rank = inputs[0].length;
    int index = axis < 0 ? rank + axis : axis - 1;
    long[] out = inputs[0].clone();
    for (int i = 1; i < inputs.length; i++) {
      out[index] = out[index] < 0 || inputs[i][index] < 0 ? -1 : out[index] + inputs[i][index];
    }
    return out;
  }

  static List<Long> asList(long[] shape) {
    return Arrays.stream(shape).boxed().toList();
  }
}
