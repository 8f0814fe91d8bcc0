package org.lungscan.testing;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Java heap of a running server, watched from outside through its own management beans (the
 * JDK's attach mechanism starts its local JMX agent): the most heap in use at any sample, the most
 * still in use right after a garbage collection (what the server really holds plus whatever that
 * collection did not reach), and, sampled on demand, the live data alone (after a full collection
 * the watch asks for).
 */
public final class HeapWatch implements AutoCloseable {

  private static final long SAMPLE_MILLIS = 50;

  private final JMXConnector connector;
  private final MBeanServerConnection beans;
  private final MemoryMXBean memory;
  private final Set<String> heapPools;
  private final List<ObjectName> collectors;
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterCollection = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong peakLive = new AtomicLong();
  private final NotificationListener onCollection = this::collected;
  private final Thread sampler;
  private volatile boolean watching = true;

  private HeapWatch(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.beans = connector.getMBeanServerConnection();
    this.memory =
        ManagementFactory.newPlatformMXBeanProxy(
            beans, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    this.heapPools =
        ManagementFactory.getPlatformMXBeans(beans, MemoryPoolMXBean.class).stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    try {
      this.collectors =
          List.copyOf(
              beans.queryNames(
                  new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"),
                  null));
      for (ObjectName collector : collectors) {
        beans.addNotificationListener(collector, onCollection, null, null);
      }
    } catch (javax.management.JMException e) {
      throw new IOException(e);
    }
    this.sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching the server's JVM, found by the port it listens on. */
  public static HeapWatch of(RunningServer server) throws Exception {
    String port = "--port " + server.uri("/").getPort();
    ProcessHandle process =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .filter(line -> line.contains("payara-micro") && line.contains(port))
                        .isPresent())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no Payara process with " + port));
    VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
    try {
      String address = vm.startLocalManagementAgent();
      return new HeapWatch(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    } finally {
      vm.detach();
    }
  }

  public long maxBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  public long usedBytes() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The memory the JVM has taken from the system for its heap and for its other pools. */
  public long committedBytes() {
    return memory.getHeapMemoryUsage().getCommitted()
        + memory.getNonHeapMemoryUsage().getCommitted();
  }

  /** The most heap in use at any sample (every 50 ms) since the watch began. */
  public long peakUsedBytes() {
    return peakUsed.get();
  }

  /** The most heap in use right after any garbage collection since the watch began. */
  public long peakAfterCollectionBytes() {
    return peakAfterCollection.get();
  }

  public long collections() {
    return collections.get();
  }

  /** Collects all garbage now, and returns the heap still in use afterwards: the live data. */
  public long usedAfterFullCollection() {
    memory.gc();
    long live = usedBytes();
    peakLive.accumulateAndGet(live, Math::max);
    return live;
  }

  /** The most live data any {@link #usedAfterFullCollection} found since the watch began. */
  public long peakLiveBytes() {
    return peakLive.get();
  }

  private void collected(Notification notification, Object handback) {
    if (!notification
        .getType()
        .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after =
        info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(pool -> heapPools.contains(pool.getKey()))
            .map(java.util.Map.Entry::getValue)
            .mapToLong(MemoryUsage::getUsed)
            .sum();
    collections.incrementAndGet();
    peakAfterCollection.accumulateAndGet(after, Math::max);
  }

  private void sample() {
    while (watching) {
      try {
        peakUsed.accumulateAndGet(usedBytes(), Math::max);
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException connectionLost) {
        return;
      }
    }
  }

  @Override
  public void close() throws Exception {
    watching = false;
    sampler.interrupt();
    sampler.join();
    for (ObjectName collector : collectors) {
      try {
        beans.removeNotificationListener(collector, onCollection);
      } catch (javax.management.JMException | IOException gone) {
        // the server may have stopped
      }
    }
    connector.close();
  }
}
