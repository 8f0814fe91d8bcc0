package org.lungscan.predictions;

import java.util.Collection;
import java.util.Map;
import org.lungscan.scans.LungScan;

/**
 * The doctor's own findings on scans, kept by the reading feature above this one: the port through
 * which the patient's history shows "Reviewed: ..." beside the AI's class.
 */
public interface ScanReviews {

  /** What each reviewed scan's tile says of its current review, by scan id; audited as shown. */
  Map<Long, String> summariesOf(Collection<LungScan> scans);
}
