package org.lungscan.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.lungscan.predictions.ScanReviews;
import org.lungscan.scans.LungScan;

/** Answers the patient history's question: what the doctor last found on each scan. */
@ApplicationScoped
public class TileReviews implements ScanReviews {

  @Inject ReviewService reviews;

  @Override
  public Map<Long, String> summariesOf(Collection<LungScan> scans) {
    Map<Long, String> summaries = new HashMap<>();
    reviews
        .latestOf(scans)
        .forEach((scan, review) -> summaries.put(scan, ReviewCard.of(review).getSummary()));
    return summaries;
  }
}
