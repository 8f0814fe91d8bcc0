package org.lungscan.predictions;

import java.time.Instant;
import java.util.List;

/**
 * What the application knows of its model: who it is, what it expects, and whether it can predict.
 */
public record ModelStatus(
    String name,
    String version,
    boolean ready,
    String detail,
    List<String> labels,
    List<String> cancerLabels,
    int inputHeight,
    int inputWidth,
    int inputChannels,
    String intendedUse,
    boolean demo,
    Instant loadedAt) {

  public static ModelStatus unavailable(String reason) {
    return new ModelStatus(
        null, null, false, reason, List.of(), List.of(), 0, 0, 0, null, false, null);
  }

  public boolean isCancer(String label) {
    return cancerLabels.contains(label);
  }
}
