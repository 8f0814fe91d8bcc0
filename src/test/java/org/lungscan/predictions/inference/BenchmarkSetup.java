package org.lungscan.predictions.inference;

import java.util.ArrayList;
import java.util.List;

/** One way of running the queue that the benchmark compares. */
record BenchmarkSetup(String name, InferenceSettings settings, boolean isDefault) {

  /**
   * Batched and unbatched, each with one worker using every core and with one single-threaded
   * worker per core; the one {@link InferenceSettings#forModel} picks is marked as the default and
   * comes first.
   */
  static List<BenchmarkSetup> all(LungModel model) {
    int cores = Runtime.getRuntime().availableProcessors();
    InferenceSettings chosen = InferenceSettings.forModel(model);
    InferenceSettings allCores = InferenceSettings.defaults().withWorkers(1);
    InferenceSettings perCore = InferenceSettings.defaults().withWorkers(cores);
    List<BenchmarkSetup> setups = new ArrayList<>();
    for (InferenceSettings batched : List.of(allCores, perCore)) {
      boolean isDefault = batched.equals(chosen);
      String name = "batched (<=16), " + workers(batched) + (isDefault ? " (default)" : "");
      setups.add(isDefault ? 0 : setups.size(), new BenchmarkSetup(name, batched, isDefault));
    }
    setups.add(
        new BenchmarkSetup("unbatched, " + workers(allCores), allCores.withMaxBatchSize(1), false));
    setups.add(
        new BenchmarkSetup("unbatched, " + workers(perCore), perCore.withMaxBatchSize(1), false));
    return setups;
  }

  private static String workers(InferenceSettings settings) {
    return settings.workers()
        + (settings.workers() == 1 ? " worker x " : " workers x ")
        + settings.threadsPerCall()
        + (settings.threadsPerCall() == 1 ? " thread" : " threads");
  }

  boolean batched() {
    return settings.maxBatchSize() > 1;
  }

  /**
   * Opens a queue with these settings (process-wide thread settings included); the caller closes
   * it.
   */
  InferenceQueue open(LungModel model) {
    return new InferenceQueue(model, settings);
  }
}
