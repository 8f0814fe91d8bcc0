package org.lungscan.predictions.inference;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The queue's running counts, updated by callers and workers at once. */
final class InferenceCounters {

  private static final double SMOOTHING = 0.2;

  private final LongAdder predicted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<Integer, LongAdder> passesBySize = new ConcurrentHashMap<>();
  private volatile double millisPerImage;

  void forwardPass(int batchSize, double millis) {
    passesBySize.computeIfAbsent(batchSize, size -> new LongAdder()).increment();
    double perImage = millis / batchSize;
    double previous = millisPerImage;
    // A lost update between two workers only delays the average a little.
    millisPerImage = previous == 0 ? perImage : previous + SMOOTHING * (perImage - previous);
  }

  /** +1 for an answer about to be given, -1 if it was not given after all. */
  void predicted(int change) {
    predicted.add(change);
  }

  void refused() {
    refused.increment();
  }

  /**
   * Fails the request with a timeout unless it was answered already; counted before the caller sees
   * it.
   */
  void expire(PendingPrediction request) {
    if (request.claim()) {
      expired.increment();
      request.expire();
    }
  }

  void failed(int change) {
    failed.add(change);
  }

  double millisPerImage() {
    return millisPerImage;
  }

  InferenceStatistics snapshot() {
    TreeMap<Integer, Long> bySize = new TreeMap<>();
    passesBySize.forEach((size, count) -> bySize.put(size, count.sum()));
    long passes = bySize.values().stream().mapToLong(Long::longValue).sum();
    return new InferenceStatistics(
        predicted.sum(),
        passes,
        bySize,
        refused.sum(),
        expired.sum(),
        failed.sum(),
        millisPerImage);
  }
}
