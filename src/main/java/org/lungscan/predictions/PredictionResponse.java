package org.lungscan.predictions;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A prediction as the API shows it. */
@Schema(name = "PredictionResponse")
public record PredictionResponse(
    @Schema(format = "int64") long id,
    @Schema(format = "int64") long scanId,
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
