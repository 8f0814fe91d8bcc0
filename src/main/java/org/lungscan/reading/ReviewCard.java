package org.lungscan.reading;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.lungscan.platform.PageMessages;
import org.lungscan.predictions.PredictionCard;

/** A review as the pages show it: the finding in words, whether it agrees with the AI, by whom. */
public record ReviewCard(
    long id,
    String finding,
    String agreement,
    Boolean agrees,
    String note,
    String reviewer,
    String reviewedAt)
    implements Serializable {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());

  public static ReviewCard of(Review r) {
    Boolean agrees = r.getAgreesWithPrediction();
    String agreement =
        PageMessages.text(
            agrees == null
                ? "reading.review.noPrediction"
                : agrees ? "reading.review.agrees" : "reading.review.disagrees");
    return new ReviewCard(
        r.getId(),
        PredictionCard.inWords(r.getFinding()),
        agreement,
        agrees,
        r.getNote(),
        r.getReviewer().getName(),
        WHEN.format(r.getReviewedAt()));
  }

  /** "Reviewed: Benign nodule (disagrees with the AI)", as tiles and the worklist show it. */
  public String getSummary() {
    return PageMessages.text("reading.review.summary", finding, agreement);
  }
}
