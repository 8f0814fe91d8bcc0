package org.lungscan.reading;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A review as the API shows it ({@code R} in the contract). */
@Schema(name = "ReviewResponse")
public record ReviewResponse(
    @Schema(format = "int64") long id,
    @Schema(format = "int64") long scanId,
    @Schema(format = "int64", nullable = true) Long predictionId,
    String finding,
    Boolean agreesWithPrediction,
    String note,
    Reviewer reviewer,
    Instant reviewedAt) {

  /** Who wrote the review. */
  public record Reviewer(@Schema(format = "int64") long id, String name) {}

  public static ReviewResponse of(Review r) {
    return new ReviewResponse(
        r.getId(),
        r.getScanId(),
        r.getPredictionId(),
        r.getFinding(),
        r.getAgreesWithPrediction(),
        r.getNote(),
        new Reviewer(r.getReviewer().getId(), r.getReviewer().getName()),
        r.getReviewedAt());
  }

  /** The review, or null for a scan never reviewed. */
  public static ReviewResponse ofNullable(Review r) {
    return r == null ? null : of(r);
  }
}
