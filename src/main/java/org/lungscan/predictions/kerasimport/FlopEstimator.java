package org.lungscan.predictions.kerasimport;

import java.util.Map;

/**
 * Floating-point operations per sample of the convolution and dense layers (each multiply-add
 * counted as two), the part that dominates the cost of an image classifier. Activations, pooling
 * and normalisation are left out.
 */
final class FlopEstimator {

  static final long UNKNOWN = -1;

  private FlopEstimator() {}

  /** The estimate, or {@link #UNKNOWN} when the model accepts inputs of any size. */
  static long flopsPerSample(ModelSpec model, Map<String, long[]> shapes) {
    long total = 0;
    for (LayerSpec layer : model.layers()) {
      long layerFlops = layerFlops(layer, shapes.get(layer.name()));
      if (layerFlops == UNKNOWN) {
        return UNKNOWN;
      }
      total += layerFlops;
    }
    return total;
  }

  private static long layerFlops(LayerSpec layer, long[] outputShape) {
    NamedWeight kernel =
        layer.weight(
            layer.className().equals("Conv2D") || layer.className().equals("Dense")
                ? "kernel"
                : "depthwise_kernel");
    if (kernel == null) {
      return 0;
    }
    long outputs = outputShape == null ? UNKNOWN : ShapeInference.product(outputShape);
    if (outputs < 0) {
      return UNKNOWN;
    }
    long[] k = kernel.array().shape();
    switch (layer.className()) {
      case "Conv2D":
      case "Dense":
        // Each output value takes (kernel size / output channels) multiply-adds.
        return 2 * outputs * (kernel.array().size() / k[k.length - 1]);
      case "DepthwiseConv2D":
        return 2 * outputs * k[0] * k[1];
      case "SeparableConv2D":
        return separableFlops(layer, outputs, k);
      default:
        return 0;
    }
  }

  private static long separableFlops(LayerSpec layer, long outputs, long[] depthwise) {
    long filters = layer.config().path("filters").asLong();
    long positions = outputs / filters;
    long depthwiseChannels = depthwise[2] * depthwise[3];
    return 2
        * positions
        * (depthwise[0] * depthwise[1] * depthwiseChannels + depthwiseChannels * filters);
  }
}
