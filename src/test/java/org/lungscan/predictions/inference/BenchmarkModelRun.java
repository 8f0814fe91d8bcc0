package org.lungscan.predictions.inference;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Measures one model under each {@link BenchmarkSetup}: single-request latency (one caller, one
 * request at a time) and throughput at concurrency 1, 4 and 16 (callers that each wait for their
 * answer before asking again). Rounds are interleaved over the setups, each round opening a fresh
 * queue (networks are reused, not imported again); latency samples are pooled, throughput is the
 * median of the rounds.
 */
final class BenchmarkModelRun {

  private static final int[] CONCURRENCY = {1, 4, 16};
  private static final int ROUNDS = 3;

  private final PrintStream out;
  private final LungModel model;
  private final ScanTensor scan;
  private final int rounds;
  private final List<BenchmarkSetup> setups;
  private final double[][] latencies;
  private final double[][][] rates;
  private final InferenceStatistics[] statistics;

  BenchmarkModelRun(PrintStream out, LungModel model, ScanTensor scan, boolean quick) {
    this.out = out;
    this.model = model;
    this.scan = scan;
    this.rounds = quick ? 1 : ROUNDS;
    this.setups = BenchmarkSetup.all(model);
    this.latencies = new double[setups.size()][0];
    this.rates = new double[setups.size()][CONCURRENCY.length][rounds];
    this.statistics = new InferenceStatistics[setups.size()];
  }

  void measure() throws Exception {
    for (int round = 0; round < rounds; round++) {
      for (int s = 0; s < setups.size(); s++) {
        try (InferenceQueue queue = setups.get(s).open(model)) {
          BenchmarkMeasures.throughput(
              queue, scan, CONCURRENCY[CONCURRENCY.length - 1], windowMillis() / 4);
          if (setups.get(s).batched()) {
            double[] more = BenchmarkMeasures.latencies(queue, scan, 2, latencySamples());
            latencies[s] = concat(latencies[s], more);
          }
          for (int c = 0; c < CONCURRENCY.length; c++) {
            rates[s][c][round] =
                BenchmarkMeasures.throughput(queue, scan, CONCURRENCY[c], windowMillis());
          }
          statistics[s] = queue.statistics();
        }
      }
    }
  }

  /** Median single-request latency of setup {@code s} (a batched one; 0 is the default), ms. */
  double latencyP50(int s) {
    return BenchmarkMeasures.median(latencies[s]);
  }

  /** Median scans/s of setup {@code s} at concurrency 16. */
  double throughputAt16(int s) {
    return BenchmarkMeasures.median(rates[s][CONCURRENCY.length - 1]);
  }

  void print(double flopBoundMillis) {
    for (int s = 0; s < setups.size(); s++) {
      if (setups.get(s).batched()) {
        out.printf(
            "  single request, %s: p50 %.2f ms, p95 %.2f ms (%d requests); p50 / FLOP-bound = %.1fx%n",
            setups.get(s).name().replace("batched (<=16), ", ""),
            latencyP50(s),
            BenchmarkMeasures.percentile(latencies[s], 95),
            latencies[s].length,
            latencyP50(s) / flopBoundMillis);
      }
    }
    out.printf(
        "  throughput, scans/s (median of %d rounds)             concurrency:%8d%8d%8d%n",
        rounds, CONCURRENCY[0], CONCURRENCY[1], CONCURRENCY[2]);
    for (int s = 0; s < setups.size(); s++) {
      out.printf(
          "    %-54s%8.1f%8.1f%8.1f%n",
          setups.get(s).name(),
          BenchmarkMeasures.median(rates[s][0]),
          BenchmarkMeasures.median(rates[s][1]),
          BenchmarkMeasures.median(rates[s][2]));
    }
    for (int s = 0; s < setups.size(); s++) {
      if (setups.get(s).batched()) {
        out.printf(
            "    last round, %s: %d forward passes, mean batch %.1f, largest %d%n",
            setups.get(s).name(),
            statistics[s].forwardPasses(),
            statistics[s].meanBatchSize(),
            statistics[s].largestBatch());
      }
    }
  }

  /** About a third of a second of single requests per round. */
  private int latencySamples() {
    double megaflops = model.flopsPerImage() / 1e6;
    int samples = (int) Math.max(6, Math.min(120, 1000 / Math.max(1, megaflops)));
    return rounds == 1 ? Math.max(3, samples / 4) : samples;
  }

  /** Long enough for a few dozen forward passes of a large model. */
  private long windowMillis() {
    long window = model.flopsPerImage() > 200_000_000L ? 1500 : 500;
    return rounds == 1 ? window / 3 : window;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
