package org.lungscan.reading;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lungscan.predictions.PredictionResponse;
import org.lungscan.predictions.ScanWithLatestPrediction;
import org.lungscan.reading.Worklist.Entry;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanResponses.PatientSummary;
import org.lungscan.scans.ScanResponses.Scan;

/**
 * Scans as the API shows them once they can be read: each as before, with {@code latest_review}
 * (the scan's current review, or null).
 */
public final class ScanAnswers {

  private ScanAnswers() {}

  /** A scan on its own. */
  @Schema(name = "ReviewedScan")
  public record ReviewedScan(
      @Schema(format = "int64") long id,
      @Schema(format = "int64") long patientId,
      String contentType,
      @Schema(format = "int64") long sizeBytes,
      int width,
      int height,
      String sha256,
      String originalFilename,
      Instant uploadedAt,
      ReviewResponse latestReview) {
    static ReviewedScan of(LungScan s, Map<Long, Review> latest) {
      return new ReviewedScan(
          s.getId(),
          s.getPatient().getId(),
          s.getContentType(),
          s.getSizeBytes(),
          s.getWidth(),
          s.getHeight(),
          s.getSha256(),
          s.getOriginalFilename(),
          s.getUploadedAt(),
          ReviewResponse.ofNullable(latest.get(s.getId())));
    }
  }

  /** A scan in the doctor's list of all scans, with whose it is. */
  @Schema(name = "ReviewedScanWithPatient")
  public record ReviewedScanWithPatient(
      @Schema(format = "int64") long id,
      @Schema(format = "int64") long patientId,
      String contentType,
      @Schema(format = "int64") long sizeBytes,
      int width,
      int height,
      String sha256,
      String originalFilename,
      Instant uploadedAt,
      PatientSummary patient,
      ReviewResponse latestReview) {
    static ReviewedScanWithPatient of(LungScan s, Map<Long, Review> latest) {
      return new ReviewedScanWithPatient(
          s.getId(),
          s.getPatient().getId(),
          s.getContentType(),
          s.getSizeBytes(),
          s.getWidth(),
          s.getHeight(),
          s.getSha256(),
          s.getOriginalFilename(),
          s.getUploadedAt(),
          PatientSummary.of(s.getPatient()),
          ReviewResponse.ofNullable(latest.get(s.getId())));
    }
  }

  /** A scan in a patient's history, with its latest prediction and review (each or null). */
  @Schema(name = "PatientScan")
  public record PatientScan(
      @Schema(format = "int64") long id,
      @Schema(format = "int64") long patientId,
      String contentType,
      @Schema(format = "int64") long sizeBytes,
      int width,
      int height,
      String sha256,
      String originalFilename,
      Instant uploadedAt,
      PredictionResponse latestPrediction,
      ReviewResponse latestReview) {
    static PatientScan of(ScanWithLatestPrediction found, Map<Long, Review> latest) {
      LungScan s = found.scan();
      return new PatientScan(
          s.getId(),
          s.getPatient().getId(),
          s.getContentType(),
          s.getSizeBytes(),
          s.getWidth(),
          s.getHeight(),
          s.getSha256(),
          s.getOriginalFilename(),
          s.getUploadedAt(),
          found.latestPrediction().map(PredictionResponse::of).orElse(null),
          ReviewResponse.ofNullable(latest.get(s.getId())));
    }
  }

  /** An entry of the worklist. */
  @Schema(name = "WorklistItem")
  public record WorklistItem(
      Scan scan,
      PatientSummary patient,
      PredictionResponse latestPrediction,
      ReviewResponse latestReview,
      Double cancerProbability) {
    static WorklistItem of(Entry e) {
      return new WorklistItem(
          Scan.of(e.scan()),
          PatientSummary.of(e.scan().getPatient()),
          e.latestPrediction() == null ? null : PredictionResponse.of(e.latestPrediction()),
          ReviewResponse.ofNullable(e.latestReview()),
          e.cancerProbability());
    }
  }
}
