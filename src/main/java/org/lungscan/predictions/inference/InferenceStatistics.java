package org.lungscan.predictions.inference;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the inference queue has done since it started.
 *
 * @param predicted scans answered
 * @param forwardPasses forward passes run
 * @param forwardPassesByBatchSize batch size -> number of forward passes of that size
 * @param refused requests refused because the queue was full
 * @param expired requests whose deadline passed before they were answered
 * @param failed requests that failed in the forward pass or in reading its output
 * @param meanMillisPerImage recent forward-pass time per scan (moving average; 0 before the first)
 */
public record InferenceStatistics(
    long predicted,
    long forwardPasses,
    SortedMap<Integer, Long> forwardPassesByBatchSize,
    long refused,
    long expired,
    long failed,
    double meanMillisPerImage) {

  public InferenceStatistics {
    forwardPassesByBatchSize =
        Collections.unmodifiableSortedMap(new TreeMap<>(forwardPassesByBatchSize));
  }

  /** Scans per forward pass, on average (0 before the first pass). */
  public double meanBatchSize() {
    long images =
        forwardPassesByBatchSize.entrySet().stream()
            .mapToLong(e -> e.getKey() * e.getValue())
            .sum();
    return forwardPasses == 0 ? 0 : (double) images / forwardPasses;
  }

  /** The largest batch one forward pass took (0 before the first pass). */
  public int largestBatch() {
    return forwardPassesByBatchSize.isEmpty() ? 0 : forwardPassesByBatchSize.lastKey();
  }
}
