package org.lungscan.predictions;

import java.util.Optional;
import org.lungscan.scans.LungScan;

/** One of a patient's scans with what the model last said about it, if it was ever asked. */
public record ScanWithLatestPrediction(LungScan scan, Optional<Prediction> latestPrediction) {}
