package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * One layer of a model in Keras 2 form: its class, name, inner configuration, the layers it reads
 * from and its weights. Rewrites change it in place; {@link #sourceClassName()} keeps the class the
 * file named.
 */
final class LayerSpec {

  private final String name;
  private final String sourceClassName;
  private String className;
  private ObjectNode config;
  private List<String> inbound;
  private List<NamedWeight> weights = List.of();

  LayerSpec(String name, String className, ObjectNode config, List<String> inbound) {
    this.name = name;
    this.sourceClassName = className;
    this.className = className;
    this.config = config;
    this.inbound = new ArrayList<>(inbound);
  }

  String name() {
    return name;
  }

  String className() {
    return className;
  }

  String sourceClassName() {
    return sourceClassName;
  }

  ObjectNode config() {
    return config;
  }

  List<String> inbound() {
    return inbound;
  }

  List<NamedWeight> weights() {
    return weights;
  }

  void replace(String newClassName, ObjectNode newConfig) {
    this.className = newClassName;
    this.config = newConfig;
  }

  void setInbound(List<String> newInbound) {
    this.inbound = new ArrayList<>(newInbound);
  }

  void setWeights(List<NamedWeight> newWeights) {
    this.weights = List.copyOf(newWeights);
  }

  NamedWeight weight(String weightName) {
    return weights.stream().filter(w -> w.name().equals(weightName)).findFirst().orElse(null);
  }

  String stringSetting(String key, String fallback) {
    return config.hasNonNull(key) ? config.get(key).asText() : fallback;
  }

  boolean isChannelsFirst() {
    return "channels_first".equals(stringSetting("data_format", ""));
  }

  /** How error messages name this layer: "'conv2d_1' (Conv2D)". */
  String describe() {
    return "'" + name + "' (" + sourceClassName + ")";
  }
}
