package org.lungscan.predictions.inference;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput (scans/s) at concurrency 1, 4 and 16 (callers that each wait for their answer before asking
 * again), batched (one worker, batches up to 16) against unbatched workers (batch size 1: one worker using
 * every core, or one single-threaded worker per core). Rounds are interleaved; medians are printed.
 */
final class BenchmarkThroughput {

    private static final int[] CONCURRENCY = {1, 4, 16};
    private static final int ROUNDS = 3;

    private final PrintStream out;
    private final LungModel model;
    private final ScanTensor scan;
    private final boolean quick;

    BenchmarkThroughput(PrintStream out, LungModel model, ScanTensor scan, boolean quick) {
        this.out = out;
        this.model = model;
        this.scan = scan;
        this.quick = quick;
    }

    private record Setup(String name, InferenceSettings settings) {
    }

    /** Prints the table; returns batched / best unbatched throughput at concurrency 16. */
    double report() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Setup> setups = List.of(
                new Setup("batched (<=16), 1 worker x " + cores + " threads", InferenceSettings.defaults()),
                new Setup("unbatched, 1 worker x " + cores + " threads", InferenceSettings.defaults().withMaxBatchSize(1)),
                new Setup("unbatched, " + cores + " workers x 1 thread",
                        InferenceSettings.defaults().withWorkers(cores).withMaxBatchSize(1)));
        List<InferenceQueue> queues = new ArrayList<>();
        double[][][] rates = new double[setups.size()][CONCURRENCY.length][quick ? 1 : ROUNDS];
        try {
            setups.forEach(setup -> queues.add(new InferenceQueue(model, setup.settings())));
            measure(setups, queues, rates);
            print(setups, rates, queues.get(0).statistics());
        } finally {
            queues.forEach(InferenceQueue::close);
            NativeThreads.limitTo(cores);
        }
        int last = CONCURRENCY.length - 1;
        double unbatched = Math.max(median(rates[1][last]), median(rates[2][last]));
        return median(rates[0][last]) / unbatched;
    }

    private void measure(List<Setup> setups, List<InferenceQueue> queues, double[][][] rates) throws Exception {
        long window = windowMillis();
        for (int s = 0; s < setups.size(); s++) {
            NativeThreads.limitTo(setups.get(s).settings().threadsPerCall());
            BenchmarkMeasures.throughput(queues.get(s), scan, CONCURRENCY[CONCURRENCY.length - 1], window / 2);
        }
        for (int round = 0; round < rates[0][0].length; round++) {
            for (int c = 0; c < CONCURRENCY.length; c++) {
                for (int s = 0; s < setups.size(); s++) {
                    NativeThreads.limitTo(setups.get(s).settings().threadsPerCall());
                    rates[s][c][round] = BenchmarkMeasures.throughput(queues.get(s), scan, CONCURRENCY[c], window);
                }
            }
        }
    }

    private void print(List<Setup> setups, double[][][] rates, InferenceStatistics batched) {
        out.printf("  throughput, scans/s (median of %d rounds)   concurrency:%8d%8d%8d%n", rates[0][0].length,
                CONCURRENCY[0], CONCURRENCY[1], CONCURRENCY[2]);
        for (int s = 0; s < setups.size(); s++) {
            out.printf("    %-44s%8.1f%8.1f%8.1f%n", setups.get(s).name(), median(rates[s][0]), median(rates[s][1]),
                    median(rates[s][2]));
        }
        out.printf("    batched queue: %d forward passes, mean batch %.1f, largest %d%n", batched.forwardPasses(),
                batched.meanBatchSize(), batched.largestBatch());
    }

    /** Long enough for a few dozen forward passes of a large model. */
    private long windowMillis() {
        long window = model.flopsPerImage() > 200_000_000L ? 2500 : 800;
        return quick ? window / 3 : window;
    }

    private static double median(double[] values) {
        return BenchmarkMeasures.median(values);
    }
}
