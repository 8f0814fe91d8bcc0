package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole model in Keras 2 form, whatever file it came from: Sequential or functional, its layers
 * in order (each with its inbound layers, even for Sequential models), and the names of its input
 * and output layers.
 */
final class ModelSpec {

  private final String name;
  private final int kerasMajorVersion;
  private boolean sequential;
  private final List<LayerSpec> layers;
  private final List<String> inputs;
  private List<String> outputs;
  private boolean rewritten;

  ModelSpec(
      String name,
      int kerasMajorVersion,
      boolean sequential,
      List<LayerSpec> layers,
      List<String> inputs,
      List<String> outputs) {
    this.name = name;
    this.kerasMajorVersion = kerasMajorVersion;
    this.sequential = sequential;
    this.layers = new ArrayList<>(layers);
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  String name() {
    return name;
  }

  /**
   * Lets a rewrite add branches; the model is then written, and built by DL4J, as a functional
   * model.
   */
  void makeFunctional() {
    if (sequential) {
      sequential = false;
      markRewritten();
    }
  }

  /** 2 or 3: the Keras that wrote the file (activation names differ between them). */
  int kerasMajorVersion() {
    return kerasMajorVersion;
  }

  boolean isSequential() {
    return sequential;
  }

  List<LayerSpec> layers() {
    return layers;
  }

  List<String> inputs() {
    return inputs;
  }

  List<String> outputs() {
    return outputs;
  }

  Optional<LayerSpec> layer(String layerName) {
    return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
  }

  /** The layers that read the given layer's output. */
  List<LayerSpec> consumers(String layerName) {
    return layers.stream().filter(l -> l.inbound().contains(layerName)).toList();
  }

  /**
   * True once a rewrite changed the model, so the original file can no longer be given to DL4J as
   * it is.
   */
  boolean isRewritten() {
    return rewritten;
  }

  void markRewritten() {
    rewritten = true;
  }

  void insertBefore(LayerSpec existing, LayerSpec inserted) {
    layers.add(layers.indexOf(existing), inserted);
    markRewritten();
  }

  void append(LayerSpec layer) {
    layers.add(layer);
    markRewritten();
  }

  void replaceOutputs(List<String> newOutputs) {
    outputs = List.copyOf(newOutputs);
  }

  void remove(LayerSpec layer) {
    layers.remove(layer);
    markRewritten();
  }

  long weightCount() {
    return layers.stream()
        .flatMap(l -> l.weights().stream())
        .mapToLong(w -> w.array().size())
        .sum();
  }
}
