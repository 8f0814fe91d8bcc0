package org.lungscan.scans;

import java.util.Collection;
import java.util.Map;

/**
 * Each scan's most recent prediction, as the API shows it: answered by the predictions feature,
 * which scans does not know.
 */
public interface LatestPredictions {

  /** The latest prediction by scan id; a scan never predicted is absent. */
  Map<Long, Object> latestFor(Collection<Long> scanIds);
}
