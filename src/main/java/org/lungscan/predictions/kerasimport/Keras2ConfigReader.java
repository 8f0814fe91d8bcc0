package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Turns a Keras 2 {@code model_config} (Sequential or functional "Model") into a {@link ModelSpec}.
 */
final class Keras2ConfigReader {

  private Keras2ConfigReader() {}

  static ModelSpec read(JsonNode modelConfig) throws ModelImportException {
    String modelClass = modelConfig.path("class_name").asText();
    JsonNode config = modelConfig.path("config");
    switch (modelClass) {
      case "Sequential":
        return readSequential(config);
      case "Model":
      case "Functional":
        return readFunctional(config);
      default:
        throw new ModelImportException(
            "the model is a '"
                + modelClass
                + "'; only Keras Sequential and functional models can be imported.");
    }
  }

  private static ModelSpec readSequential(JsonNode config) throws ModelImportException {
    JsonNode layerList = config.isArray() ? config : config.path("layers");
    List<LayerSpec> layers = new ArrayList<>();
    for (JsonNode entry : layerList) {
      ObjectNode inner = ((ObjectNode) entry.path("config")).deepCopy();
      String name = inner.path("name").asText();
      String previous = layers.isEmpty() ? null : layers.get(layers.size() - 1).name();
      layers.add(
          new LayerSpec(
              name,
              entry.path("class_name").asText(),
              inner,
              previous == null ? List.of() : List.of(previous)));
    }
    if (layers.isEmpty()) {
      throw new ModelImportException("the model has no layers.");
    }
    if (!layers.get(0).className().equals("InputLayer")) {
      LayerSpec input = syntheticInput(layers.get(0));
      layers.get(0).setInbound(List.of(input.name()));
      layers.add(0, input);
    }
    String name = config.isObject() ? config.path("name").asText("sequential") : "sequential";
    return new ModelSpec(
        name,
        2,
        true,
        layers,
        List.of(layers.get(0).name()),
        List.of(layers.get(layers.size() - 1).name()));
  }

  /**
   * Keras 2 Sequential files keep the input shape on the first layer; DL4J and we want an
   * InputLayer.
   */
  private static LayerSpec syntheticInput(LayerSpec first) throws ModelImportException {
    JsonNode shape = first.config().get("batch_input_shape");
    if (shape == null || !shape.isArray()) {
      throw new ModelImportException(
          "the model does not say what input it takes"
              + " (its first layer "
              + first.describe()
              + " has no input shape).");
    }
    ObjectNode inner = Json.object();
    inner.put("name", first.name() + "_input");
    inner.set("batch_input_shape", shape.deepCopy());
    inner.put("dtype", "float32");
    inner.put("sparse", false);
    return new LayerSpec(first.name() + "_input", "InputLayer", inner, List.of());
  }

  private static ModelSpec readFunctional(JsonNode config) throws ModelImportException {
    List<LayerSpec> layers = new ArrayList<>();
    for (JsonNode entry : config.path("layers")) {
      String name = entry.path("name").asText(entry.path("config").path("name").asText());
      String className = entry.path("class_name").asText();
      ObjectNode inner = ((ObjectNode) entry.path("config")).deepCopy();
      layers.add(new LayerSpec(name, className, inner, inboundNames(entry, name, className)));
    }
    return new ModelSpec(
        config.path("name").asText("model"),
        2,
        false,
        layers,
        tensorNames(config.path("input_layers")),
        tensorNames(config.path("output_layers")));
  }

  private static List<String> inboundNames(JsonNode entry, String name, String className)
      throws ModelImportException {
    JsonNode nodes = entry.path("inbound_nodes");
    if (nodes.size() > 1) {
      throw sharedLayer(name, className);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode node : nodes) {
      for (JsonNode tensor : node) {
        if (tensor.path(1).asInt() != 0 || tensor.path(2).asInt() != 0) {
          throw sharedLayer(name, className);
        }
        names.add(tensor.path(0).asText());
      }
    }
    return names;
  }

  static ModelImportException sharedLayer(String name, String className) {
    return new ModelImportException(
        "layer '"
            + name
            + "' ("
            + className
            + ") is used more than once,"
            + " or reads one of several outputs of another layer; such models cannot be imported.");
  }

  /**
   * Reads {@code [["name", 0, 0], ...]}, and also the flat {@code ["name", 0, 0]} Keras 3 writes
   * for one tensor.
   */
  static List<String> tensorNames(JsonNode tensors) {
    List<String> names = new ArrayList<>();
    if (tensors.isArray() && tensors.size() > 0 && tensors.get(0).isTextual()) {
      names.add(tensors.get(0).asText());
      return names;
    }
    for (JsonNode tensor : tensors) {
      names.add(tensor.path(0).asText());
    }
    return names;
  }
}
