package org.lungscan.predictions.inference;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Single-request latency through the inference queue (one caller, one request at a time), with every core per
 * forward pass (the default) and with one: interleaved rounds, samples pooled per setting.
 */
final class BenchmarkLatency {

    private static final int ROUNDS = 3;

    private final PrintStream out;
    private final LungModel model;
    private final ScanTensor scan;
    private final boolean quick;

    BenchmarkLatency(PrintStream out, LungModel model, ScanTensor scan, boolean quick) {
        this.out = out;
        this.model = model;
        this.scan = scan;
        this.quick = quick;
    }

    /** Prints the figures; returns the default setting's p50 in ms. */
    double report(double flopBoundMillis) {
        int cores = Runtime.getRuntime().availableProcessors();
        List<InferenceSettings> settings = List.of(InferenceSettings.defaults(),
                InferenceSettings.defaults().withThreadsPerCall(1));
        int samples = samplesPerRound();
        double[][] millis = new double[settings.size()][0];
        List<InferenceQueue> queues = settings.stream().map(s -> new InferenceQueue(model, s)).toList();
        try {
            for (int round = 0; round < (quick ? 1 : ROUNDS); round++) {
                for (int i = 0; i < queues.size(); i++) {
                    NativeThreads.limitTo(settings.get(i).threadsPerCall());
                    double[] more = BenchmarkMeasures.latencies(queues.get(i), scan, round == 0 ? samples / 4 + 2 : 2,
                            samples);
                    millis[i] = concat(millis[i], more);
                }
            }
        } finally {
            queues.forEach(InferenceQueue::close);
        }
        for (int i = 0; i < settings.size(); i++) {
            double p50 = BenchmarkMeasures.median(millis[i]);
            out.printf("  single request, %d thread(s) per forward pass: p50 %.2f ms, p95 %.2f ms (%d requests);"
                            + " p50 / FLOP-bound = %.1fx%n", settings.get(i).threadsPerCall(), p50,
                    BenchmarkMeasures.percentile(millis[i], 95), millis[i].length, p50 / flopBoundMillis);
        }
        NativeThreads.limitTo(cores);
        return BenchmarkMeasures.median(millis[0]);
    }

    /** About a second of requests per round: many for a small model, a few for a large one. */
    private int samplesPerRound() {
        double megaflops = model.flopsPerImage() / 1e6;
        int samples = (int) Math.max(8, Math.min(150, 3000 / Math.max(1, megaflops)));
        return quick ? Math.max(3, samples / 5) : samples;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
