package org.lungscan.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The benchmark's summary: medians of the rounds, per configuration, with the targets. */
final class Table {

  private static final double P95_TARGET_MS = 250;
  private static final double THROUGHPUT_TARGET_RATIO = 4;
  private static final double CPU_TARGET_RATIO = 2;

  private Table() {}

  static void print(List<UploadBenchmark.Configuration> configurations, Parts parts) {
    String both = "upload+predict c10";
    System.out.println();
    System.out.println("medians of the rounds (server CPU: the Payara process, all threads)");
    System.out.printf(
        Locale.ROOT,
        "%-40s%s%n",
        "",
        String.join("", configurations.stream().map(c -> pad(c.name)).toList()));
    row(configurations, "upload c1: p50 ms", "upload c1", UploadBenchmark.Measure::p50);
    row(configurations, "upload c10: per second", "upload c10", UploadBenchmark.Measure::perSecond);
    row(configurations, "upload c10: server CPU ms each", "upload c10", m -> m.cpuMillisEach());
    row(configurations, both + ": p50 ms", both, UploadBenchmark.Measure::p50);
    row(configurations, both + ": p95 ms", both, UploadBenchmark.Measure::p95);
    row(configurations, both + ": per second", both, UploadBenchmark.Measure::perSecond);
    row(configurations, both + ": server CPU ms each", both, m -> m.cpuMillisEach());
    System.out.printf(
        Locale.ROOT,
        "%-40s%s%n",
        both + ": CPU / unavoidable CPU",
        String.join(
            "",
            configurations.stream()
                .map(c -> pad(format(c.median(both, m -> m.cpuMillisEach()) / parts.cpuMillis())))
                .toList()));
    System.out.printf(
        Locale.ROOT,
        "unavoidable parts (one decode, hash, fsync, forward pass, row): %.1f ms CPU, %.1f ms wall%n",
        parts.cpuMillis(),
        parts.wallMillis());
    UploadBenchmark.Configuration current = configurations.get(configurations.size() - 1);
    double p95 = current.median(both, UploadBenchmark.Measure::p95);
    double cpuRatio = current.median(both, m -> m.cpuMillisEach()) / parts.cpuMillis();
    System.out.printf(
        Locale.ROOT,
        "target p95 < %.0f ms: %s (%.1f ms)%n",
        P95_TARGET_MS,
        met(p95 < P95_TARGET_MS),
        p95);
    if (configurations.size() > 1) {
      double ratio =
          current.median(both, UploadBenchmark.Measure::perSecond)
              / configurations.get(0).median(both, UploadBenchmark.Measure::perSecond);
      System.out.printf(
          Locale.ROOT,
          "target throughput >= %.0fx previous: %s (%.2fx)%n",
          THROUGHPUT_TARGET_RATIO,
          met(ratio >= THROUGHPUT_TARGET_RATIO),
          ratio);
    }
    System.out.printf(
        Locale.ROOT,
        "target CPU within %.0fx the unavoidable parts: %s (%.2fx)%n",
        CPU_TARGET_RATIO,
        met(cpuRatio <= CPU_TARGET_RATIO),
        cpuRatio);
  }

  private static void row(
      List<UploadBenchmark.Configuration> configurations,
      String label,
      String what,
      ToDoubleFunction<UploadBenchmark.Measure> figure) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-40s", label));
    for (UploadBenchmark.Configuration c : configurations) {
      line.append(pad(format(c.median(what, figure))));
    }
    System.out.println(line);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String pad(String text) {
    return String.format(Locale.ROOT, "%14s", text);
  }

  private static String met(boolean met) {
    return met ? "met" : "NOT met";
  }
}
