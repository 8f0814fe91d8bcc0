package org.lungscan.reading;

import java.time.Instant;

/** A review as the API shows it ({@code R} in the contract). */
public record ReviewResponse(
    long id,
    long scanId,
    Long predictionId,
    String finding,
    Boolean agreesWithPrediction,
    String note,
    Reviewer reviewer,
    Instant reviewedAt) {

  /** Who wrote the review. */
  public record Reviewer(long id, String name) {}

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
