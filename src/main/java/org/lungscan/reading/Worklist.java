package org.lungscan.reading;

import java.util.List;
import java.util.Locale;
import org.lungscan.platform.Invalid;
import org.lungscan.predictions.Prediction;
import org.lungscan.scans.LungScan;

/** One page of the doctor's worklist, and the total of entries the filter lets through. */
public record Worklist(List<Entry> entries, long total) {

  /** Which scans the worklist shows. */
  public enum Status {
    UNREVIEWED,
    REVIEWED,
    ALL;

    /** As a client typed it, any case; absent means unreviewed. */
    public static Status of(String text) {
      return parse(Status.class, "status", text, UNREVIEWED, "unreviewed, reviewed or all");
    }
  }

  /** How the worklist is ordered. */
  public enum Order {
    /** Highest cancer probability first, scans without a prediction last; newest first on ties. */
    SUSPICION,
    /** Newest upload first. */
    DATE;

    public static Order of(String text) {
      return parse(Order.class, "sort", text, SUSPICION, "suspicion or date");
    }
  }

  /**
   * A scan on the worklist with what the model and the doctor last said about it. The cancer
   * probability is the sum of the probabilities of the labels the loaded model's card marks as
   * cancer ({@code cardModel}), null without a prediction or without such a card; {@link
   * #byOtherModel} says when the prediction was made by another model or version than that card's.
   */
  public record Entry(
      LungScan scan,
      Prediction latestPrediction,
      Review latestReview,
      Double cancerProbability,
      String cardModel) {

    public boolean byOtherModel() {
      return latestPrediction != null
          && cardModel != null
          && !cardModel.equals(
              latestPrediction.getModelName() + " " + latestPrediction.getModelVersion());
    }
  }

  private static <E extends Enum<E>> E parse(
      Class<E> type, String field, String text, E absent, String allowed) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new Invalid(field, "must be " + allowed);
    }
  }
}
