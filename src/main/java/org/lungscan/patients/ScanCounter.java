package org.lungscan.patients;

import java.util.Collection;
import java.util.Map;

/** How many scans each patient has: answered by the scans feature, which patients does not know. */
public interface ScanCounter {

  /** Scan counts by patient id; a patient with no scans may be absent. */
  Map<Long, Long> countScans(Collection<Long> patientIds);
}
