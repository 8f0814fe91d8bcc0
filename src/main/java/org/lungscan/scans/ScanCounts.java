package org.lungscan.scans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import org.lungscan.patients.ScanCounter;

/** Answers the patients feature's question: how many scans each patient has. */
@ApplicationScoped
public class ScanCounts implements ScanCounter {

  @Inject ScanRecords records;

  @Override
  public Map<Long, Long> countScans(Collection<Long> patientIds) {
    return records.countByPatient(patientIds);
  }
}
