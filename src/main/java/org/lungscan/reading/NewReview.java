package org.lungscan.reading;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A doctor's finding as either door received it: one of the model's labels (checked by {@link
 * ReviewService}, which knows them) and an optional note of at most 2000 characters.
 */
public record NewReview(
    @NotBlank(message = NewReview.FINDING_RULE) @Size(max = 64, message = NewReview.FINDING_RULE)
        String finding,
    @Size(max = NewReview.NOTE_LENGTH, message = NewReview.NOTE_RULE) String note) {

  public static final int NOTE_LENGTH = 2000;
  static final String FINDING_RULE = "is required: one of the model's labels";
  static final String NOTE_RULE = "must be at most 2000 characters";

  /** The finding and note without surrounding spaces; a blank note is no note. */
  public static NewReview of(String finding, String note) {
    String kept = note == null ? null : note.strip();
    return new NewReview(
        finding == null ? null : finding.strip(), kept == null || kept.isEmpty() ? null : kept);
  }
}
