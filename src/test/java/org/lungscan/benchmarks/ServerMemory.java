package org.lungscan.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lungscan.testing.HeapWatch;
import org.lungscan.testing.RunningServer;

/**
 * The server's memory seen from outside: the Java heap still in use after a full collection (asked
 * for through the server's own management beans) and the resident set of the whole process from
 * {@code /proc}, which also holds what no heap figure shows: the networks' native (off-heap)
 * arrays.
 */
final class ServerMemory implements AutoCloseable {

  private final HeapWatch heap;
  private final long pid;

  /**
   * @param outsideJvmMb the resident set less what the JVM committed for its heap and other pools:
   *     the native memory of the networks (and of everything else that mallocs: threads, libraries)
   */
  record Sample(double heapAfterGcMb, double rssMb, double outsideJvmMb) {}

  private ServerMemory(HeapWatch heap, long pid) {
    this.heap = heap;
    this.pid = pid;
  }

  static ServerMemory of(RunningServer server) throws Exception {
    return new ServerMemory(HeapWatch.of(server), server.pid());
  }

  /**
   * A full collection, then both figures. The collection also lets go of native arrays whose Java
   * side is unreachable (JavaCPP frees them when their owners are collected).
   */
  Sample sample() throws InterruptedException {
    heap.usedAfterFullCollection();
    // the native frees queued by the collection above happen on JavaCPP's own thread
    Thread.sleep(500);
    long live = heap.usedAfterFullCollection();
    double rss = residentKilobytes() / 1e3;
    return new Sample(live / 1e6, rss, rss - heap.committedBytes() / 1e6);
  }

  private long residentKilobytes() {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> line.replaceAll("\\D", ""))
          .mapToLong(Long::parseLong)
          .findFirst()
          .orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() throws Exception {
    heap.close();
  }
}
