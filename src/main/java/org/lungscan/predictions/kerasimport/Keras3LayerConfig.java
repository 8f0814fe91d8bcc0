package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.NullNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Rewrites one Keras 3 layer configuration into the Keras 2 form Deeplearning4j parses. Only what
 * inference needs is kept faithfully: initializers become zeros, regularizers and constraints are
 * dropped.
 */
final class Keras3LayerConfig {

  private Keras3LayerConfig() {}

  static ObjectNode toKeras2(String className, ObjectNode keras3Config) {
    ObjectNode config = keras3Config.deepCopy();
    config.put("dtype", "float32");
    renameField(config, "batch_shape", "batch_input_shape");
    if (className.equals("LeakyReLU")) {
      renameField(config, "negative_slope", "alpha");
    }
    simplifyTrainingFields(config);
    if (config.has("activation")) {
      config.put("activation", activationName(config.get("activation")));
    }
    return config;
  }

  /**
   * Built-in activations are plain names; a serialised function object carries its name in
   * "config".
   */
  private static String activationName(JsonNode activation) {
    String name =
        activation.isTextual() ? activation.asText() : activation.path("config").asText("custom");
    return name.equals("silu") ? "swish" : name;
  }

  private static void simplifyTrainingFields(ObjectNode config) {
    List<String> names = new ArrayList<>();
    config.fieldNames().forEachRemaining(names::add);
    for (String field : names) {
      if (field.endsWith("_initializer")) {
        config.set(field, zerosInitializer());
      } else if (field.endsWith("_regularizer") || field.endsWith("_constraint")) {
        config.set(field, NullNode.getInstance());
      }
    }
  }

  private static ObjectNode zerosInitializer() {
    ObjectNode init = Json.object();
    init.put("class_name", "Zeros");
    init.set("config", Json.object());
    return init;
  }

  private static void renameField(ObjectNode config, String from, String to) {
    if (config.has(from)) {
      config.set(to, config.remove(from));
    }
  }
}
