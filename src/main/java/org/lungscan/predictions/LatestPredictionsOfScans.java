package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.lungscan.scans.LatestPredictions;

/** Answers the scans feature's question: what each scan's latest prediction says. */
@ApplicationScoped
public class LatestPredictionsOfScans implements LatestPredictions {

  @Inject PredictionRecords records;

  @Override
  public Map<Long, Object> latestFor(Collection<Long> scanIds) {
    Map<Long, Object> latest = new HashMap<>();
    records.latestOf(scanIds).forEach((scanId, p) -> latest.put(scanId, PredictionResponse.of(p)));
    return latest;
  }
}
