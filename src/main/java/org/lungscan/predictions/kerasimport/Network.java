package org.lungscan.predictions.kerasimport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The one thing LungScan needs from a Deeplearning4j network, whichever of the two kinds it is. */
interface Network {

  /** Inference-mode outputs, in the model's output order. */
  INDArray[] output(INDArray input);

  /** Inference-mode results of every layer, by layer name (detached from any workspace). */
  Map<String, INDArray> activations(INDArray input);

  /** The global-average-pooling and dense head, if the network ends in one. */
  Optional<PooledHead> pooledHead();

  /** Frees the network's native memory (parameters, workspaces); it cannot be used afterwards. */
  void close();

  static Network of(ComputationGraph graph) {
    return new Network() {
      @Override
      public INDArray[] output(INDArray input) {
        return graph.output(false, input);
      }

      @Override
      public Map<String, INDArray> activations(INDArray input) {
        return graph.feedForward(input, false);
      }

      @Override
      public Optional<PooledHead> pooledHead() {
        return PooledHeads.of(graph);
      }

      @Override
      public void close() {
        graph.close();
      }
    };
  }

  static Network of(MultiLayerNetwork network) {
    return new Network() {
      @Override
      public INDArray[] output(INDArray input) {
        return new INDArray[] {network.output(input, false)};
      }

      @Override
      public Map<String, INDArray> activations(INDArray input) {
        List<INDArray> byIndex = network.feedForward(input, false);
        Map<String, INDArray> named = new java.util.HashMap<>();
        for (int i = 0; i < network.getnLayers(); i++) {
          named.put(network.getLayer(i).conf().getLayer().getLayerName(), byIndex.get(i + 1));
        }
        return named;
      }

      @Override
      public Optional<PooledHead> pooledHead() {
        return PooledHeads.of(network);
      }

      @Override
      public void close() {
        network.close();
      }
    };
  }
}
