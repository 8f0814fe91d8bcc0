package org.lungscan.predictions.kerasimport;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The one thing LungScan needs from a Deeplearning4j network, whichever of the two kinds it is. */
interface Network {

  /** Inference-mode outputs, in the model's output order. */
  INDArray[] output(INDArray input);

  static Network of(ComputationGraph graph) {
    return input -> graph.output(false, input);
  }

  static Network of(MultiLayerNetwork network) {
    return input -> new INDArray[] {network.output(input, false)};
  }
}
