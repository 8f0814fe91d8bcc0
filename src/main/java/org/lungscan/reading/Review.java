package org.lungscan.reading;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.lungscan.accounts.Doctor;
import org.lungscan.predictions.Prediction;
import org.lungscan.scans.LungScan;

/**
 * A doctor's own finding on a scan, next to the prediction they saw. Never changed: a later review
 * of the same scan supersedes it and it stays in the scan's history.
 */
@Entity
@Table(name = "review")
public class Review {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "lung_scan_id", nullable = false, updatable = false)
  private LungScan scan;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "prediction_id", updatable = false)
  private Prediction prediction;

  // The same columns again, read-only, so that ids are had without loading what they point at.
  @Column(name = "lung_scan_id", insertable = false, updatable = false)
  private Long scanId;

  @Column(name = "prediction_id", insertable = false, updatable = false)
  private Long predictionId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "reviewer_id", nullable = false, updatable = false)
  private Doctor reviewer;

  @Column(nullable = false, length = 64, updatable = false)
  private String finding;

  @Column(name = "agrees_with_prediction", updatable = false)
  private Boolean agreesWithPrediction;

  @Column(length = 2000, updatable = false)
  private String note;

  @Column(name = "reviewed_at", nullable = false, updatable = false)
  private Instant reviewedAt;

  protected Review() {}

  /** The finding, compared with the class of {@code seen} (null when there was no prediction). */
  public Review(LungScan scan, Prediction seen, Doctor reviewer, String finding, String note) {
    this.scan = scan;
    this.scanId = scan.getId();
    this.prediction = seen;
    this.predictionId = seen == null ? null : seen.getId();
    this.reviewer = reviewer;
    this.finding = finding;
    this.agreesWithPrediction = seen == null ? null : finding.equals(seen.getPredictedClass());
    this.note = note;
    this.reviewedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  public LungScan getScan() {
    return scan;
  }

  public long getScanId() {
    return scanId;
  }

  /** The id of the prediction the finding was compared with; null without one. */
  public Long getPredictionId() {
    return predictionId;
  }

  public Doctor getReviewer() {
    return reviewer;
  }

  public String getFinding() {
    return finding;
  }

  /** Whether the finding is the class the prediction gave; null without a prediction. */
  public Boolean getAgreesWithPrediction() {
    return agreesWithPrediction;
  }

  public String getNote() {
    return note;
  }

  public Instant getReviewedAt() {
    return reviewedAt;
  }
}
