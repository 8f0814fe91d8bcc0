package org.lungscan.predictions.kerasimport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ModelSpec} as a Keras 2 model: the {@code model_config} JSON and the weights by
 * layer.
 */
final class Keras2ConfigWriter {

  private Keras2ConfigWriter() {}

  static KerasModelParts toParts(ModelSpec model) {
    Map<String, List<NamedWeight>> weights = new LinkedHashMap<>();
    model.layers().forEach(layer -> weights.put(layer.name(), layer.weights()));
    return new KerasModelParts(Json.write(modelConfig(model)), weights);
  }

  private static ObjectNode modelConfig(ModelSpec model) {
    ObjectNode root = Json.object();
    root.put("class_name", model.isSequential() ? "Sequential" : "Model");
    ObjectNode config = root.putObject("config");
    config.put("name", model.name());
    ArrayNode layers = config.putArray("layers");
    for (LayerSpec layer : model.layers()) {
      layers.add(model.isSequential() ? sequentialLayer(layer) : functionalLayer(layer));
    }
    if (!model.isSequential()) {
      config.set("input_layers", tensorList(model.inputs()));
      config.set("output_layers", tensorList(model.outputs()));
    }
    root.put("keras_version", Keras2H5Writer.KERAS_VERSION);
    root.put("backend", "tensorflow");
    return root;
  }

  private static ObjectNode sequentialLayer(LayerSpec layer) {
    ObjectNode entry = Json.object();
    entry.put("class_name", layer.className());
    entry.set("config", layer.config().deepCopy().put("name", layer.name()));
    return entry;
  }

  private static ObjectNode functionalLayer(LayerSpec layer) {
    ObjectNode entry = sequentialLayer(layer);
    entry.put("name", layer.name());
    ArrayNode nodes = entry.putArray("inbound_nodes");
    if (!layer.inbound().isEmpty()) {
      ArrayNode node = nodes.addArray();
      for (String inbound : layer.inbound()) {
        node.addArray().add(inbound).add(0).add(0).addObject();
      }
    }
    return entry;
  }

  private static ArrayNode tensorList(List<String> names) {
    ArrayNode tensors = Json.array();
    names.forEach(name -> tensors.addArray().add(name).add(0).add(0));
    return tensors;
  }
}
