package org.lungscan.predictions.kerasimport;

import java.util.Set;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Deeplearning4j casts some layer settings straight to {@code Double}, so a file that wrote {@code
 * "max_value": 6} instead of {@code 6.0} fails to load. Such whole numbers are rewritten as
 * decimals.
 */
final class NumericFields {

  private static final Set<String> DECIMAL_FIELDS =
      Set.of(
          "max_value",
          "negative_slope",
          "threshold",
          "alpha",
          "theta",
          "epsilon",
          "momentum",
          "rate",
          "stddev");

  private NumericFields() {}

  static void makeDecimal(ModelSpec model) {
    for (LayerSpec layer : model.layers()) {
      for (String field : DECIMAL_FIELDS) {
        JsonNode value = layer.config().get(field);
        if (value != null && value.isIntegralNumber()) {
          layer.config().put(field, value.asDouble());
          model.markRewritten();
        }
      }
    }
  }
}
