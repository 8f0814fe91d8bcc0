package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Deeplearning4j's Keras Permute only swaps height and width, whatever the dims say. A Permute
 * whose output goes only through Flatten into a Dense layer merely reorders the Dense layer's
 * inputs, so it is removed and the rows of the Dense kernel are reordered instead: the same
 * numbers, exactly.
 */
final class PermuteFolding {

  private PermuteFolding() {}

  static void fold(ModelSpec model) {
    for (LayerSpec permute : List.copyOf(model.layers())) {
      if (permute.className().equals("Permute")) {
        foldIfFollowedByFlattenDense(model, permute);
      }
    }
  }

  private static void foldIfFollowedByFlattenDense(ModelSpec model, LayerSpec permute) {
    LayerSpec flatten = onlyConsumer(model, permute, "Flatten");
    LayerSpec dense =
        flatten == null || flatten.isChannelsFirst() ? null : onlyConsumer(model, flatten, "Dense");
    long[] inputShape = ShapeInference.infer(model).get(permute.inbound().get(0));
    NamedWeight kernel = dense == null ? null : dense.weight("kernel");
    if (kernel == null || inputShape == null || ShapeInference.product(inputShape) < 0) {
      return;
    }
    int[] sourceRow = rowForUnpermutedInput(inputShape, permute.config().get("dims"));
    dense.setWeights(replaceKernel(dense.weights(), reorderRows(kernel.array(), sourceRow)));
    flatten.setInbound(permute.inbound());
    model.remove(permute);
  }

  /**
   * The single layer reading {@code layer}'s output, if it is of the given class and not a model
   * output.
   */
  private static LayerSpec onlyConsumer(ModelSpec model, LayerSpec layer, String className) {
    List<LayerSpec> consumers = model.consumers(layer.name());
    boolean single =
        consumers.size() == 1
            && consumers.get(0).inbound().size() == 1
            && consumers.get(0).className().equals(className);
    return single && !model.outputs().contains(layer.name()) ? consumers.get(0) : null;
  }

  /**
   * For each position g of the flattened input (C order over {@code inputShape}), the position the
   * same value had in the flattened permuted tensor, which is the Dense kernel row it was
   * multiplied with.
   */
  static int[] rowForUnpermutedInput(long[] inputShape, JsonNode dims) {
    int rank = inputShape.length;
    int[] axisOf = new int[rank];
    long[] permutedShape = new long[rank];
    for (int i = 0; i < rank; i++) {
      axisOf[i] = dims.get(i).asInt() - 1;
      permutedShape[i] = inputShape[axisOf[i]];
    }
    int total = Math.toIntExact(ShapeInference.product(inputShape));
    int[] rows = new int[total];
    long[] index = new long[rank];
    for (int g = 0; g < total; g++) {
      unravel(g, inputShape, index);
      long f = 0;
      for (int i = 0; i < rank; i++) {
        f = f * permutedShape[i] + index[axisOf[i]];
      }
      rows[g] = Math.toIntExact(f);
    }
    return rows;
  }

  private static void unravel(long flat, long[] shape, long[] into) {
    for (int i = shape.length - 1; i >= 0; i--) {
      into[i] = flat % shape[i];
      flat /= shape[i];
    }
  }

  private static WeightArray reorderRows(WeightArray kernel, int[] sourceRow) {
    int columns = Math.toIntExact(kernel.shape()[1]);
    float[] values = new float[kernel.size()];
    for (int row = 0; row < sourceRow.length; row++) {
      System.arraycopy(kernel.values(), sourceRow[row] * columns, values, row * columns, columns);
    }
    return new WeightArray(kernel.shape(), values);
  }

  private static List<NamedWeight> replaceKernel(List<NamedWeight> weights, WeightArray kernel) {
    List<NamedWeight> replaced = new ArrayList<>();
    for (NamedWeight weight : weights) {
      replaced.add(weight.name().equals("kernel") ? new NamedWeight("kernel", kernel) : weight);
    }
    return replaced;
  }
}
