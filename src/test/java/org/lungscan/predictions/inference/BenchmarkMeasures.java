package org.lungscan.predictions.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's measurements: latency of one caller, throughput of many, and the machine's matrix
 * rate.
 */
final class BenchmarkMeasures {

  private static final int MMUL_SIZE = 2048;

  private BenchmarkMeasures() {}

  /** Median GFLOP/s of float32 2048x2048 matrix products, after warm-up. */
  static double mmulGflops(int rounds) {
    INDArray a = Nd4j.rand(DataType.FLOAT, MMUL_SIZE, MMUL_SIZE);
    INDArray b = Nd4j.rand(DataType.FLOAT, MMUL_SIZE, MMUL_SIZE);
    INDArray c = Nd4j.createUninitialized(DataType.FLOAT, MMUL_SIZE, MMUL_SIZE);
    double flops = 2.0 * MMUL_SIZE * MMUL_SIZE * MMUL_SIZE;
    double[] rates = new double[rounds];
    for (int i = -2; i < rounds; i++) {
      long start = System.nanoTime();
      a.mmuli(b, c);
      double rate = flops / (System.nanoTime() - start);
      if (i >= 0) {
        rates[i] = rate;
      }
    }
    return median(rates);
  }

  /** Milliseconds of each of {@code count} requests made one after another by a single caller. */
  static double[] latencies(InferenceQueue queue, ScanTensor scan, int warmUp, int count) {
    for (int i = 0; i < warmUp; i++) {
      queue.predict(scan).join();
    }
    double[] millis = new double[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      queue.predict(scan).join();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return millis;
  }

  /** Scans per second when {@code callers} threads each wait for an answer before asking again. */
  static double throughput(InferenceQueue queue, ScanTensor scan, int callers, long millis)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      long start = System.nanoTime();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        counts.add(pool.submit(() -> askUntil(queue, scan, end)));
      }
      int answered = 0;
      for (Future<Integer> count : counts) {
        answered += count.get();
      }
      return answered / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static int askUntil(InferenceQueue queue, ScanTensor scan, long end) {
    int answered = 0;
    while (System.nanoTime() < end) {
      CompletableFuture<ModelAnswer> answer = queue.predict(scan);
      answer.join();
      answered++;
    }
    return answered;
  }

  static double median(double[] values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, double percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
