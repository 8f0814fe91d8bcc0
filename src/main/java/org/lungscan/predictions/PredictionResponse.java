package org.lungscan.predictions;

import java.time.Instant;
import java.util.Map;

/** A prediction as the API shows it. */
public record PredictionResponse(
    long id,
    long scanId,
    String predictedClass,
    double confidence,
    Map<String, Double> probabilities,
    String modelName,
    String modelVersion,
    String intendedUse,
    double inferenceMs,
    Instant predictedAt) {

  public static PredictionResponse of(Prediction p) {
    return new PredictionResponse(
        p.getId(),
        p.getScan().getId(),
        p.getPredictedClass(),
        p.getConfidence(),
        p.getProbabilities(),
        p.getModelName(),
        p.getModelVersion(),
        p.getIntendedUse(),
        p.getInferenceMs(),
        p.getPredictedAt());
  }
}
