package org.lungscan.predictions.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's answer for one scan.
 *
 * @param probabilities label -> probability, in the card's label order, adding up to 1
 * @param predictedLabel the most probable label (the first of equals)
 * @param confidence its probability
 * @param cancer whether the predicted label is one the card marks as cancer
 * @param inferenceMillis wall time of the forward pass that computed it (shared by its whole batch)
 * @param batchSize how many scans that forward pass computed together
 */
public record ModelAnswer(
    String modelName,
    String modelVersion,
    Map<String, Double> probabilities,
    String predictedLabel,
    double confidence,
    boolean cancer,
    double inferenceMillis,
    int batchSize) {

  public ModelAnswer {
    probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
  }
}
