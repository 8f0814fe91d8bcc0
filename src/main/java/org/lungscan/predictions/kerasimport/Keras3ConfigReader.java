package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Turns a Keras 3 model configuration ({@code config.json} of a {@code .keras} file, or the {@code
 * model_config} of a Keras 3 {@code .h5}) into a {@link ModelSpec} in Keras 2 form.
 */
final class Keras3ConfigReader {

  private Keras3ConfigReader() {}

  static ModelSpec read(JsonNode modelConfig) throws ModelImportException {
    String modelClass = modelConfig.path("class_name").asText();
    JsonNode config = modelConfig.path("config");
    switch (modelClass) {
      case "Sequential":
        return readSequential(config);
      case "Functional":
      case "Model":
        return readFunctional(config);
      default:
        throw new ModelImportException(
            "the model is a '"
                + modelClass
                + "'; only Keras Sequential and functional models can be imported.");
    }
  }

  private static ModelSpec readSequential(JsonNode config) throws ModelImportException {
    List<LayerSpec> layers = new ArrayList<>();
    for (JsonNode entry : config.path("layers")) {
      String previous = layers.isEmpty() ? null : layers.get(layers.size() - 1).name();
      layers.add(layer(entry, previous == null ? List.of() : List.of(previous)));
    }
    if (layers.isEmpty() || !layers.get(0).className().equals("InputLayer")) {
      throw new ModelImportException(
          "the Sequential model does not start with an input layer,"
              + " so its input shape is unknown.");
    }
    return new ModelSpec(
        config.path("name").asText("sequential"),
        3,
        true,
        layers,
        List.of(layers.get(0).name()),
        List.of(layers.get(layers.size() - 1).name()));
  }

  private static ModelSpec readFunctional(JsonNode config) throws ModelImportException {
    List<LayerSpec> layers = new ArrayList<>();
    for (JsonNode entry : config.path("layers")) {
      layers.add(layer(entry, inboundNames(entry)));
    }
    return new ModelSpec(
        config.path("name").asText("model"),
        3,
        false,
        layers,
        Keras2ConfigReader.tensorNames(config.path("input_layers")),
        Keras2ConfigReader.tensorNames(config.path("output_layers")));
  }

  private static LayerSpec layer(JsonNode entry, List<String> inbound) {
    String className = entry.path("class_name").asText();
    ObjectNode inner = Keras3LayerConfig.toKeras2(className, (ObjectNode) entry.path("config"));
    String name = entry.path("name").asText(inner.path("name").asText());
    return new LayerSpec(name, className, inner, inbound);
  }

  /**
   * Keras 3 writes {@code [{"args": [tensor or list of tensors], "kwargs": {...}}]}; tensors carry
   * keras_history.
   */
  private static List<String> inboundNames(JsonNode entry) throws ModelImportException {
    JsonNode nodes = entry.path("inbound_nodes");
    String name = entry.path("name").asText();
    if (nodes.size() > 1) {
      throw Keras2ConfigReader.sharedLayer(name, entry.path("class_name").asText());
    }
    List<String> names = new ArrayList<>();
    for (JsonNode node : nodes) {
      collectTensors(node.path("args"), names, name, entry.path("class_name").asText());
    }
    return names;
  }

  private static void collectTensors(
      JsonNode value, List<String> names, String layer, String className)
      throws ModelImportException {
    if (value.isArray()) {
      for (JsonNode item : value) {
        collectTensors(item, names, layer, className);
      }
    } else if (value.isObject() && "__keras_tensor__".equals(value.path("class_name").asText())) {
      JsonNode history = value.path("config").path("keras_history");
      if (history.path(1).asInt() != 0 || history.path(2).asInt() != 0) {
        throw Keras2ConfigReader.sharedLayer(layer, className);
      }
      names.add(history.path(0).asText());
    }
  }
}
