package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * JSON helpers on the Jackson copy that ships inside ND4J (so the WAR needs no other JSON library).
 */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode parse(String text) throws ModelImportException {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new ModelImportException(
          "its model description is not valid JSON (" + e.getMessage() + ").", e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static ArrayNode longs(long... values) {
    ArrayNode array = array();
    for (long value : values) {
      array.add(value);
    }
    return array;
  }
}
