package org.lungscan.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the benchmark reads of the machine: its CPU, the CPU pressure, a process's CPU time. */
final class Machine {

  /** Linux's clock ticks per second for process times (USER_HZ), 100 on every common build. */
  private static final int TICKS_PER_SECOND = 100;

  private Machine() {}

  static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name")
        .map(line -> line.replaceFirst(".*:\\s*", ""))
        .orElse("unknown CPU");
  }

  static int processors() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Linux pressure stall information: share of time some runnable thread waited for a CPU. */
  static String cpuPressure() {
    return firstLine(Path.of("/proc/pressure/cpu"), "some")
        .map(line -> line.replaceAll("some |total=\\d+", "").trim() + " (% of time)")
        .orElse("not available");
  }

  /** User and system CPU time the process has used so far, all its threads, in milliseconds. */
  static long cpuMillisOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000 / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Optional<String> firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
