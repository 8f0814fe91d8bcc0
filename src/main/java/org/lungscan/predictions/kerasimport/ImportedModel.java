package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras model imported into Deeplearning4j, ready to predict. It hides whether Deeplearning4j
 * built a MultiLayerNetwork or a ComputationGraph, and whether Keras ran the model channels-first.
 *
 * <p>Not thread-safe: {@link #output} must not be called from two threads at once (Deeplearning4j
 * networks keep per-call state). Give each thread its own instance, or serialise the calls.
 */
public final class ImportedModel {

  private final Network network;
  private final ModelFormat format;
  private final InputShape inputShape;
  private final List<String> outputNames;
  private final List<long[]> outputShapes;
  private final List<String> layerSummary;
  private final long parameterCount;
  private final long flopsPerSample;

  ImportedModel(Network network, ModelFormat format, ModelDescription description) {
    this.network = network;
    this.format = format;
    this.inputShape = description.inputShape();
    this.outputNames = List.copyOf(description.outputNames());
    this.outputShapes = List.copyOf(description.outputShapes());
    this.layerSummary = List.copyOf(description.layerSummary());
    this.parameterCount = description.parameterCount();
    this.flopsPerSample = description.flopsPerSample();
  }

  public ModelFormat format() {
    return format;
  }

  /** One sample's shape, channels last: (height, width, channels) for image models. */
  public InputShape inputShape() {
    return inputShape;
  }

  public int outputCount() {
    return outputNames.size();
  }

  /** The names of the layers whose results are the outputs, in output order. */
  public List<String> outputNames() {
    return outputNames;
  }

  /**
   * One sample's shape of output {@code index} as Keras gives it (-1 for a size that follows the
   * input).
   */
  public List<Long> outputShape(int index) {
    long[] shape = outputShapes.get(index);
    return shape == null ? List.of() : Arrays.stream(shape).boxed().toList();
  }

  /** Every layer of the model as the file describes it, in order: "name: KerasClass". */
  public List<String> layerSummary() {
    return layerSummary;
  }

  /** Number of weights in the file (trainable and not, as Keras' "Total params" counts them). */
  public long parameterCount() {
    return parameterCount;
  }

  /**
   * Estimated floating-point operations for one sample: multiply-adds of convolution and dense
   * layers, counted twice; -1 when the model accepts inputs of any size.
   */
  public long flopsPerSample() {
    return flopsPerSample;
  }

  /**
   * Runs the model on a batch. Images are float32 {@code [batch, height, width, channels]}; a
   * non-image model takes {@code [batch, features]}. Other float types are converted. Returns one
   * array per output, batch first, shaped as Keras would. Not thread-safe.
   *
   * @throws IllegalArgumentException if the batch does not have the model's input shape
   */
  public INDArray[] output(INDArray batch) {
    checkInput(batch);
    INDArray input = batch.dataType() == DataType.FLOAT ? batch : batch.castTo(DataType.FLOAT);
    INDArray[] raw = network.output(input);
    List<INDArray> shaped = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      shaped.add(kerasShaped(raw[i], outputShapes.get(i)));
    }
    return shaped.toArray(INDArray[]::new);
  }

  /**
   * The head of global average pooling and one dense layer the network ends in, if it does: what a
   * class activation map needs.
   */
  public Optional<PooledHead> pooledHead() {
    return network.pooledHead();
  }

  /**
   * Runs the model on a batch, as {@link #output}, and returns the result of the named layer in
   * Deeplearning4j's layout. Not thread-safe.
   *
   * @throws IllegalArgumentException if the batch does not fit or the network has no such layer
   */
  public INDArray activations(INDArray batch, String layer) {
    checkInput(batch);
    INDArray input = batch.dataType() == DataType.FLOAT ? batch : batch.castTo(DataType.FLOAT);
    INDArray found = network.activations(input).get(layer);
    if (found == null) {
      throw new IllegalArgumentException("the network has no layer " + layer);
    }
    return found;
  }

  /**
   * Frees the network's native memory at once rather than when the garbage collector finds it; the
   * model cannot be used afterwards.
   */
  public void close() {
    network.close();
  }

  private void checkInput(INDArray batch) {
    List<Long> expected = inputShape.dimensions();
    long[] actual = batch.shape();
    boolean matches = actual.length == expected.size() + 1;
    for (int i = 0; matches && i < expected.size(); i++) {
      matches = expected.get(i) < 0 || expected.get(i) == actual[i + 1];
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "the model takes batches of shape [batch, "
              + inputShape.toString().replace('x', ',')
              + "] but was given "
              + Arrays.toString(actual));
    }
  }

  /** Deeplearning4j drops a trailing Flatten or Reshape; restore the shape Keras gives. */
  private static INDArray kerasShaped(INDArray output, long[] kerasShape) {
    if (kerasShape == null
        || output.rank() == kerasShape.length + 1
        || ShapeInference.product(kerasShape) < 0) {
      return output;
    }
    long[] target = new long[kerasShape.length + 1];
    target[0] = output.size(0);
    System.arraycopy(kerasShape, 0, target, 1, kerasShape.length);
    return output.dup('c').reshape('c', target);
  }
}
