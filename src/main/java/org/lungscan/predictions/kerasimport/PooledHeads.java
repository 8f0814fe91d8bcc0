package org.lungscan.predictions.kerasimport;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds a {@link PooledHead} by walking back from the single output: a dense layer, any dropout,
 * then a global average pooling over the two spatial axes of a 4-d result.
 */
final class PooledHeads {

  private PooledHeads() {}

  static Optional<PooledHead> of(ComputationGraph graph) {
    var conf = graph.getConfiguration();
    if (conf.getNetworkOutputs().size() != 1) {
      return Optional.empty();
    }
    String dense = conf.getNetworkOutputs().get(0);
    Layer denseConf = layerOf(conf.getVertices().get(dense));
    if (!isDense(denseConf)) {
      return Optional.empty();
    }
    String current = onlyInput(conf.getVertexInputs().get(dense));
    while (current != null && layerOf(conf.getVertices().get(current)) instanceof DropoutLayer) {
      current = onlyInput(conf.getVertexInputs().get(current));
    }
    if (current == null
        || !(layerOf(conf.getVertices().get(current)) instanceof GlobalPoolingLayer pooling)) {
      return Optional.empty();
    }
    String features = onlyInput(conf.getVertexInputs().get(current));
    if (features == null || conf.getNetworkInputs().contains(features)) {
      return Optional.empty();
    }
    return head(
        pooling,
        features,
        graph.getLayer(dense).getParam("W"),
        graph.getLayer(dense).getParam("b"));
  }

  static Optional<PooledHead> of(MultiLayerNetwork network) {
    int last = network.getnLayers() - 1;
    if (last < 2 || !isDense(network.getLayer(last).conf().getLayer())) {
      return Optional.empty();
    }
    int current = last - 1;
    while (current > 0 && network.getLayer(current).conf().getLayer() instanceof DropoutLayer) {
      current--;
    }
    if (current < 1
        || !(network.getLayer(current).conf().getLayer() instanceof GlobalPoolingLayer pooling)) {
      return Optional.empty();
    }
    String features = network.getLayer(current - 1).conf().getLayer().getLayerName();
    return head(
        pooling,
        features,
        network.getLayer(last).getParam("W"),
        network.getLayer(last).getParam("b"));
  }

  private static Optional<PooledHead> head(
      GlobalPoolingLayer pooling, String features, INDArray weights, INDArray bias) {
    if (pooling.getPoolingType() != PoolingType.AVG || weights == null || bias == null) {
      return Optional.empty();
    }
    int[] axes = pooling.getPoolingDimensions();
    boolean channelsLast;
    if (axes == null || Arrays.equals(axes, new int[] {2, 3})) {
      channelsLast = false;
    } else if (Arrays.equals(axes, new int[] {1, 2})) {
      channelsLast = true;
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new PooledHead(
            features,
            channelsLast,
            weights.castTo(DataType.FLOAT).toFloatMatrix(),
            bias.castTo(DataType.FLOAT).toFloatVector()));
  }

  private static boolean isDense(Layer layer) {
    return layer instanceof DenseLayer || layer instanceof BaseOutputLayer;
  }

  private static Layer layerOf(GraphVertex vertex) {
    return vertex instanceof LayerVertex layer ? layer.getLayerConf().getLayer() : null;
  }

  private static String onlyInput(List<String> inputs) {
    return inputs != null && inputs.size() == 1 ? inputs.get(0) : null;
  }
}
