package org.lungscan.reports;

import java.time.Instant;
import java.util.Map;

/**
 * What a report says of one scan, gathered by {@link ReportService} and written by {@link
 * PdfReport}. Null parts are not there (no prediction, no review, no picture).
 */
record ScanSection(
    long scanId,
    Instant uploadedAt,
    long sizeBytes,
    int width,
    int height,
    String sha256,
    Picture picture,
    Prediction prediction,
    Review review) {

  /** The image shown: PNG bytes, and what it shows (a text alternative and a caption). */
  record Picture(byte[] png, String caption) {}

  record Prediction(
      String predictedClass,
      double confidence,
      Map<String, Double> probabilities,
      String modelName,
      String modelVersion,
      String intendedUse,
      Instant predictedAt) {}

  record Review(String finding, Boolean agrees, String note, String reviewer, Instant reviewedAt) {}
}
