package org.lungscan.models;

import java.util.List;

/** What validation learnt of an uploaded model: its card's facts and whether it may predict. */
record ModelFacts(
    String name,
    String version,
    List<String> labels,
    List<String> cancerLabels,
    int inputHeight,
    int inputWidth,
    int inputChannels,
    boolean imported,
    String detail,
    Double referenceMaxAbsDiff) {

  static ModelFacts failed(String name, String reason) {
    return new ModelFacts(name, "unknown", List.of(), List.of(), 0, 0, 0, false, reason, null);
  }
}
