package org.lungscan.predictions.inference;

import java.time.Duration;

/**
 * How the {@link InferenceQueue} runs.
 *
 * @param queueCapacity  requests that may wait; one more is refused at once ({@link QueueFullException})
 * @param maxBatchSize   most requests one forward pass takes (all waiting ones, up to this)
 * @param workers        threads running forward passes, each with its own copy of the network
 * @param threadsPerCall native (ND4J/OpenMP/BLAS) threads one forward pass may use; process-wide setting
 * @param deadline       longest a caller waits for an answer; after it the future fails with a
 *                       {@link java.util.concurrent.TimeoutException}
 */
public record InferenceSettings(int queueCapacity, int maxBatchSize, int workers, int threadsPerCall,
                                Duration deadline) {

    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    public static final int DEFAULT_MAX_BATCH_SIZE = 16;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

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
     * Capacity 64, batches of up to 16, 30 s deadline; one worker using every core per forward pass (on 2 cores
     * this measured best for both latency and throughput: see INFERENCE-NOTES.md).
     */
    public static InferenceSettings defaults() {
        return new InferenceSettings(DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH_SIZE, 1,
                Runtime.getRuntime().availableProcessors(), DEFAULT_DEADLINE);
    }

    public InferenceSettings withQueueCapacity(int capacity) {
        return new InferenceSettings(capacity, maxBatchSize, workers, threadsPerCall, deadline);
    }

    public InferenceSettings withMaxBatchSize(int size) {
        return new InferenceSettings(queueCapacity, size, workers, threadsPerCall, deadline);
    }

    /** {@code count} workers sharing the cores: {@code threadsPerCall} becomes cores / workers (at least 1). */
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
