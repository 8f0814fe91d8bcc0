package org.lungscan.reading;

import java.time.Instant;

/**
 * One review as the hospital-wide figures need it, without whose scan it is beyond the scan's id:
 * the finding, the prediction it was compared with (its class and model, null without one), and
 * whether it is still the scan's current review or was superseded.
 */
public record ReviewFact(
    long reviewId,
    long scanId,
    Instant reviewedAt,
    String finding,
    Boolean agreesWithPrediction,
    String predictedClass,
    String modelName,
    String modelVersion,
    boolean current) {}
