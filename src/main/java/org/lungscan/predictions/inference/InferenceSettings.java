package org.lungscan.predictions.inference;

import java.time.Duration;

/**
 * How the {@link InferenceQueue} runs.
 *
 * @param queueCapacity requests that may wait; one more is refused at once ({@link
 *     QueueFullException})
 * @param maxBatchSize most requests one forward pass takes (all waiting ones, up to this)
 * @param workers threads running forward passes, each with its own copy of the network
 * @param threadsPerCall native (ND4J/OpenMP/BLAS) threads one forward pass may use; process-wide
 *     setting
 * @param deadline longest a caller waits for an answer; after it the future fails with a {@link
 *     java.util.concurrent.TimeoutException}
 */
public record InferenceSettings(
    int queueCapacity, int maxBatchSize, int workers, int threadsPerCall, Duration deadline) {

  public static final int DEFAULT_QUEUE_CAPACITY = 64;
  public static final int DEFAULT_MAX_BATCH_SIZE = 16;
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  public static final long SMALL_MODEL_FLOPS = 200_000_000L;

  public InferenceSettings {
    requirePositive(queueCapacity, "queueCapacity");
    requirePositive(maxBatchSize, "maxBatchSize");
    requirePositive(workers, "workers");
    requirePositive(threadsPerCall, "threadsPerCall");
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, not " + deadline);
    }
  }

  /**
   * Capacity 64, batches of up to 16, 30 s deadline; one worker whose forward passes use every
   * core. Under concurrency the worker batches up to the machine's matrix-product rate. {@link
   * #forModel} adapts this to small models.
   */
  public static InferenceSettings defaults() {
    return new InferenceSettings(
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_MAX_BATCH_SIZE,
        1,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_DEADLINE);
  }

  /**
   * The defaults, fitted to the model's size: a small model (under {@value #SMALL_MODEL_FLOPS}
   * FLOPs per image) gets one single-threaded worker per core, because a second thread costs it
   * more in hand-over than it saves (demo model: 1.5 ms per scan with 1 thread, 1.9 ms with 2) and
   * a second worker doubles what it can answer at once; a large one keeps one worker using every
   * core (224x224x3 model: 23.7 ms with 2 threads, 25.1 ms with 1; without oneDNN 171-183 ms
   * against 188-225 ms). The crossover was not measured.
   */
  public static InferenceSettings forModel(LungModel model) {
    InferenceSettings defaults = defaults();
    boolean small = model.flopsPerImage() >= 0 && model.flopsPerImage() < SMALL_MODEL_FLOPS;
    return small ? defaults.withWorkers(Runtime.getRuntime().availableProcessors()) : defaults;
  }

  public InferenceSettings withQueueCapacity(int capacity) {
    return new InferenceSettings(capacity, maxBatchSize, workers, threadsPerCall, deadline);
  }

  public InferenceSettings withMaxBatchSize(int size) {
    return new InferenceSettings(queueCapacity, size, workers, threadsPerCall, deadline);
  }

  /**
   * {@code count} workers sharing the cores: {@code threadsPerCall} becomes cores / workers (at
   * least 1).
   */
  public InferenceSettings withWorkers(int count) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, count));
    return new InferenceSettings(queueCapacity, maxBatchSize, count, threads, deadline);
  }

  public InferenceSettings withThreadsPerCall(int threads) {
    return new InferenceSettings(queueCapacity, maxBatchSize, workers, threads, deadline);
  }

  public InferenceSettings withDeadline(Duration timeout) {
    return new InferenceSettings(queueCapacity, maxBatchSize, workers, threadsPerCall, timeout);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }
}
